// Staff find a request the way citizens give it (issue 12): the tracking number as printed on the receipt or read
// out (dashes, spaces, lower case), the full phone or ID number (through the blind indexes), the name — and find
// what the citizen's own look-up finds. The scope holds: a request outside it is never found.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { formatTrackingNo } from '../../server/modules/requests/tracking-no.js';
import { freshAddress, freshPhone, idNumber, loginAll, seedSubmittedAtDesk, SHILI, ZHAIHE, ZHAIHE_VILLAGE } from '../helpers/requests.js';

let t: TestApp;
let reception: Session;
let station: Session;
let otherStation: Session;
let legalAid: Session;
before(async () => {
  t = await startTestApp();
  [reception, station, otherStation, legalAid] = await loginAll(t, [
    'reception',
    `station-${SHILI}`,
    `station-${ZHAIHE}`,
    'legalaid',
  ] as const);
});
after(() => t.close());

const found = async (who: Session, q: string) => {
  const res = await t.as(who, { url: '/api/v1/requests', query: { queue: 'all', limit: '200', q } });
  assert.equal(res.statusCode, 200, res.body);
  return (res.json().items as { id: string }[]).map((i) => i.id);
};
const citizenFinds = async (trackingNo: string, phone: string) => {
  const res = await t.app.inject({
    url: `/api/v1/public/requests/${encodeURIComponent(trackingNo)}?phone=${phone}`,
    remoteAddress: freshAddress(),
  });
  return res.statusCode === 200 ? (res.json().trackingNo as string) : null;
};

/** The forms a number takes: as stored, as printed, read out with spaces, typed in lower case with or without dashes. */
const printed = (no: string) => {
  const f = formatTrackingNo(no);
  return [no, f, f.replace(/-/g, ' '), f.toLowerCase(), no.toLowerCase(), ` ${f.toLowerCase().replace(/-/g, ' ')} `, f.slice(7, 11)];
};

test('a request is found by its number in every printed form, its full phone, its ID number and its name — as the citizen finds it', async () => {
  const phone = freshPhone();
  const id = idNumber('19850615', '372');
  const r = await seedSubmittedAtDesk(t, reception, { phone, idNumber: id, name: '欧阳春花' });
  const formattedPhone = `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;
  for (const q of [
    ...printed(r.trackingNo),
    phone,
    formattedPhone,
    `${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`,
    id,
    id.toLowerCase(),
    '欧阳春花',
    '春花',
  ])
    assert.ok((await found(reception, q)).includes(r.id), `${JSON.stringify(q)} finds it`);
  // the same number in the same forms finds it on the citizen's side, with the phone
  for (const q of printed(r.trackingNo).slice(0, 5)) assert.equal(await citizenFinds(q, phone), r.trackingNo, q);

  // a part of a phone or ID number is not a search for it (the blind index matches whole numbers only)
  assert.ok(!(await found(reception, phone.slice(0, 7))).includes(r.id));
  assert.ok(!(await found(reception, id.slice(0, 10))).includes(r.id));
  // someone else's phone or a number one character off finds nothing of it
  assert.ok(!(await found(reception, freshPhone())).includes(r.id));
  const off = r.trackingNo.slice(0, 13) + (r.trackingNo.endsWith('0') ? '1' : '0');
  assert.ok(!(await found(reception, formatTrackingNo(off))).includes(r.id));
});

test('the phone finds every request it was given for, in scope only: another town’s is not found, by number or by phone', async () => {
  const phone = freshPhone();
  const mine = await seedSubmittedAtDesk(t, station, { phone });
  const theirs = await seedSubmittedAtDesk(t, otherStation, { phone, regionCode: ZHAIHE_VILLAGE });
  const atCenter = await found(reception, phone);
  assert.ok(atCenter.includes(mine.id) && atCenter.includes(theirs.id), 'the county center sees both towns');
  assert.deepEqual(
    (await found(station, phone)).filter((x) => x === mine.id || x === theirs.id),
    [mine.id],
  );
  assert.deepEqual(
    (await found(otherStation, phone)).filter((x) => x === mine.id || x === theirs.id),
    [theirs.id],
  );
  for (const q of printed(theirs.trackingNo)) assert.ok(!(await found(station, q)).includes(theirs.id), `${q} outside the scope`);
});

test('the legal aid case list reads its search box the same way: number as printed, phone (the applicant’s or the proxy’s), ID number', async () => {
  const phone = freshPhone();
  const proxyPhone = freshPhone();
  const id = idNumber('19700101', '451');
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/public/legal-aid/applications',
    remoteAddress: freshAddress(),
    payload: {
      name: '司马大军',
      phone,
      idNumber: id,
      regionCode: '411522101203',
      description: '在县城工地干了八个月，包工头拖欠工资三万二千元，多次讨要未果。',
      channel: 'web',
      applicantKind: 'agent',
      proxy: { name: '司马小军', relation: '儿子', phone: proxyPhone },
      matterCategory: 'labourRemuneration',
      aidForm: 'labourArbitration',
      opposingParty: '光山县宏达建筑有限公司',
      familyMembers: [{ relation: '妻子', name: '王秀英', monthlyIncome: 800 }],
      monthlyIncome: 1500,
      pledge: true,
    },
  });
  assert.equal(res.statusCode, 201, res.body);
  const { trackingNo } = res.json() as { trackingNo: string };
  const cases = async (who: Session, search: string) => {
    const list = await t.as(who, { url: '/api/v1/legal-aid/cases', query: { queue: 'all', pageSize: '100', search } });
    assert.equal(list.statusCode, 200, list.body);
    return (list.json().items as { trackingNo: string }[]).map((c) => c.trackingNo);
  };
  for (const q of [...printed(trackingNo), phone, proxyPhone, id, '司马大军'])
    assert.ok((await cases(station, q)).includes(trackingNo), `${JSON.stringify(q)} finds the case at the station`);
  assert.ok((await cases(legalAid, formatTrackingNo(trackingNo))).includes(trackingNo), 'and at the county center');
  // the other town's station does not find it, in any form
  for (const q of [formatTrackingNo(trackingNo), phone, id]) assert.deepEqual(await cases(otherStation, q), [], q);
  // the staff request list finds the request behind it the same way
  assert.equal((await found(station, formatTrackingNo(trackingNo).toLowerCase())).length, 1);
});
