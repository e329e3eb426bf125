import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { idNumber, loginAll } from '../helpers/requests.js';

/*
 * How the documents print the applicant's numbers: the application is the file copy, in full for whoever may see
 * them (and on the record as a view of personal data); the receipt goes with the applicant, masked.
 */
let t: TestApp;
let room: Session;
let station: Session;
before(async () => {
  t = await startTestApp();
  [room, station] = await loginAll(t, ['room-411522101203', 'station-411522101'] as const);
});
after(() => t.close());

const PHONE = '13988887777';
const PROXY = '13722224444';
const ID = idNumber('19480302', '226');

async function textOf(docx: Buffer): Promise<string> {
  const xml = (await (await JSZip.loadAsync(docx)).file('word/document.xml')?.async('string')) ?? '';
  return [...xml.replaceAll('<w:noBreakHyphen/>', '<w:t>-</w:t>').matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

async function download(who: Session, caseId: string, kind: string) {
  const res = await t.as(who, { url: `/api/v1/legal-aid/cases/${caseId}/documents/${kind}` });
  assert.equal(res.statusCode, 200, res.body);
  return textOf(res.rawPayload);
}

const personalViews = (caseId: string, username: string) =>
  t.db
    .selectFrom('audit_log')
    .select(['after'])
    .where('action', '=', 'personal.view')
    .where('entity_type', '=', 'aidCase')
    .where('entity_id', '=', caseId)
    .where('actor_username', '=', username)
    .execute();

test('the application prints the phone, ID number and proxy phone in full, on the record; the receipt masks the phone', async () => {
  const res = await t.as(room, {
    method: 'POST',
    url: '/api/v1/legal-aid/cases',
    payload: {
      name: '刘桂芝',
      phone: PHONE,
      idNumber: ID,
      address: '光山县十里镇某村三组18号',
      regionCode: '411522101203',
      description: '老伴去世后两个儿子都不给赡养费，本人七十八岁。',
      channel: 'walk_in',
      applicantKind: 'guardian',
      proxy: { name: '刘小红', relation: '女儿', phone: PROXY },
      matterCategory: 'maintenance',
      aidForm: 'litigationAgency',
      opposingParty: '刘大军',
      familyMembers: [],
      monthlyIncome: 300,
      pledge: true,
    },
  });
  assert.equal(res.statusCode, 201, res.body);
  const caseId = res.json().id as string;

  // the room that took it down typed the numbers in: its copy for the applicant to sign shows them
  const byRoom = await download(room, caseId, 'application');
  for (const value of [PHONE, ID, PROXY]) assert.ok(byRoom.includes(value), `the room's copy shows ${value}`);
  assert.deepEqual(
    (await personalViews(caseId, 'room-411522101203')).map((a) => a.after),
    [{ document: 'application', fields: ['phone', 'idNumber', 'proxyPhone'] }],
  );

  // the station that reviews it, likewise
  const byStation = await download(station, caseId, 'application');
  for (const value of [PHONE, ID, PROXY]) assert.ok(byStation.includes(value), `the station's copy shows ${value}`);
  assert.equal((await personalViews(caseId, 'station-411522101')).length, 1);

  // the receipt leaves with the applicant: its number and phone together open the tracking page
  const receipt = await download(station, caseId, 'receipt');
  assert.ok(receipt.includes('139****7777'), receipt);
  assert.ok(!receipt.includes(PHONE) && !receipt.includes(ID), 'the receipt holds no full number');
  assert.equal((await personalViews(caseId, 'station-411522101')).length, 1, 'a masked copy is no view of personal data');
  const downloads = await t.db
    .selectFrom('audit_log')
    .select(['after'])
    .where('action', '=', 'aidCase.document')
    .where('entity_id', '=', caseId)
    .execute();
  assert.equal(downloads.length, 3, 'every download is on the record');
});
