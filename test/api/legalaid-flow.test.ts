import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { assertError } from '../helpers/http.js';

let t: TestApp;
let station: Session;
let otherStation: Session;
let center: Session;
let lawyer: Session;
let bureau: Session;
before(async () => {
  t = await startTestApp();
  station = await t.login('station-411522101');
  otherStation = await t.login('station-411522102');
  center = await t.login('legalaid');
  lawyer = await t.login('lawyer');
  bureau = await t.login('supervisor');
});
after(() => t.close());

const PHONE = '13922223333';
let n = 0;
export const wagesApplication = (more: Record<string, unknown> = {}) => ({
  name: '李建国',
  phone: PHONE,
  regionCode: '411522101203',
  description: '在县城工地干了八个月，包工头拖欠工资三万二千元，多次讨要未果。',
  channel: 'web',
  applicantKind: 'self',
  matterCategory: 'labourRemuneration',
  aidForm: 'labourArbitration',
  opposingParty: '光山县宏达建筑有限公司',
  familyMembers: [
    { relation: '妻子', name: '王秀英', monthlyIncome: 800 },
    { relation: '儿子', name: '李小明', monthlyIncome: 0 },
  ],
  monthlyIncome: 1500,
  pledge: true,
  ...more,
});
const apply = (more: Record<string, unknown> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/public/legal-aid/applications',
    remoteAddress: `10.40.0.${n++ % 250}`,
    payload: wagesApplication(more),
  });

async function caseOf(session: Session, trackingNo: string) {
  const list = (await t.as(session, { url: `/api/v1/legal-aid/cases?queue=all&search=${trackingNo}` })).json();
  assert.equal(list.items.length, 1, `the case of ${trackingNo} is in the list`);
  return (await t.as(session, { url: `/api/v1/legal-aid/cases/${list.items[0].id}` })).json();
}
const act = (session: Session, c: { id: string; version: number }, { action, ...body }: { action: string } & Record<string, unknown>) =>
  t.as(session, {
    method: 'POST',
    url: `/api/v1/legal-aid/cases/${c.id}/${action.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`)}`,
    payload: { version: c.version, ...body },
  });

test('a wages claim from the portal: first review at the town, grant at the center, assign, close, archive; the applicant sees each step', async () => {
  const res = await apply();
  assert.equal(res.statusCode, 201, res.body);
  const { trackingNo } = res.json();
  const citizen = () =>
    t.app
      .inject({ url: `/api/v1/public/legal-aid/${trackingNo}?phone=${PHONE}`, remoteAddress: `10.41.0.${n++ % 250}` })
      .then((r) => r.json().legalAid);
  assert.equal((await citizen()).stage, 'firstReview');

  let c = await caseOf(station, trackingNo);
  assert.equal(c.stage, 'firstReview');
  assert.equal(c.eligibility.passed, true, JSON.stringify(c.eligibility));
  assert.match(c.eligibility.criteria.find((k: { code: string }) => k.code === 'hardship').reason, /766\.67元/);
  assert.deepEqual(c.allowedActions.sort(), ['firstReview', 'reassess', 'requestMaterials', 'withdraw']);
  assertError(await t.as(otherStation, { url: `/api/v1/legal-aid/cases/${c.id}` }), 404, 'NOT_FOUND');
  // the request behind it points at the case, and offers none of the generic steps (they would bypass the case)
  const request = (await t.as(station, { url: `/api/v1/requests/${c.requestId}` })).json();
  assert.equal(request.aidCaseId, c.id);
  assert.deepEqual(request.allowedActions, []);
  const generic = await t.as(station, {
    method: 'POST',
    url: `/api/v1/requests/${c.requestId}/conclude`,
    payload: { version: request.version, result: '已处理' },
  });
  assert.ok([403, 409].includes(generic.statusCode), generic.body);
  assertError(await act(otherStation, c, { action: 'firstReview', opinion: 'recommendGrant', note: '' }), 404, 'NOT_FOUND');

  const reviewed = await act(station, c, { action: 'firstReview', opinion: 'recommendGrant', note: '情况属实，建议给予援助' });
  assert.equal(reviewed.statusCode, 200, reviewed.body);
  assert.equal(reviewed.json().stage, 'review');
  assert.ok(reviewed.json().decisionClock.dueAt, 'the 7 days run on from receipt (第四十三条)');
  assert.equal(reviewed.json().decisionClock.dueAt, c.decisionClock.dueAt, 'forwarding does not restart them');
  assert.equal((await citizen()).stage, 'review');

  c = await caseOf(center, trackingNo);
  assert.ok(c.allowedActions.includes('decide'));
  const granted = await act(center, c, { action: 'decide', decision: 'grant', reason: '符合法律援助条件' });
  assert.equal(granted.statusCode, 200, granted.body);
  c = granted.json();
  assert.equal(c.stage, 'granted');
  assert.match(c.caseNo, /^光山援〔20[0-9]{2}〕[0-9]+号$/);
  assert.ok(c.assignmentClock.dueAt);

  const suggestions = (await t.as(center, { url: `/api/v1/legal-aid/cases/${c.id}/suggestions` })).json();
  const chen = suggestions.find((s: { name: string }) => s.name === '陈律师');
  assert.deepEqual(chen.conflicts, ['曾代理：光山县宏达建筑有限公司'], 'Chen once acted for the company');
  assert.notEqual(suggestions[0].name, '陈律师', 'a conflicted provider is not suggested first');
  assertError(await act(center, c, { action: 'assign', providerId: chen.id }), 409, 'AID_CONFLICT_OF_INTEREST');
  const zheng = suggestions.find((s: { name: string }) => s.name === '郑法律工作者');
  assert.equal(zheng.fits, true);
  const assigned = await act(center, c, { action: 'assign', providerId: zheng.id });
  assert.equal(assigned.statusCode, 200, assigned.body);
  c = assigned.json();
  assert.equal(c.stage, 'assigned');
  assert.equal((await citizen()).provider.name, '郑法律工作者');

  c = (await act(center, c, { action: 'progress', note: '已向劳动仲裁委提交仲裁申请' })).json();
  const closed = await act(center, c, {
    action: 'close',
    outcome: '仲裁调解，追回工资三万二千元',
    report: '受援人与公司在仲裁委主持下达成调解协议，公司当场支付全部欠薪。',
  });
  assert.equal(closed.statusCode, 200, closed.body);
  c = closed.json();
  assertError(await act(center, c, { action: 'archive', checklist: ['application'] }), 422, 'AID_ARCHIVE_INCOMPLETE');
  const archived = await act(center, c, {
    action: 'archive',
    checklist: [
      'application',
      'identity',
      'hardshipProof',
      'decision',
      'assignmentNotice',
      'caseMaterials',
      'legalDocuments',
      'closingReport',
    ],
  });
  assert.equal(archived.statusCode, 200, archived.body);
  assert.equal(archived.json().stage, 'archived');
  const seen = await citizen();
  assert.equal(seen.stage, 'archived');
  assert.equal(seen.status, '案件已办结归档');

  const timeline = (await t.app.inject({ url: `/api/v1/public/requests/${trackingNo}?phone=${PHONE}`, remoteAddress: '10.42.0.1' })).json();
  const types = timeline.timeline.map((e: { type: string }) => e.type);
  assert.deepEqual(
    types,
    ['aidApplied', 'aidForwarded', 'aidGranted', 'aidAssigned', 'aidClosed'],
    'progress notes and the archiving stay inside',
  );
  assert.equal(timeline.status, 'concluded');
  assert.equal(timeline.canEvaluate, true);

  const doc = await t.as(center, { url: `/api/v1/legal-aid/cases/${c.id}/documents/decision` });
  assert.equal(doc.statusCode, 200);
  assert.equal(doc.rawPayload.subarray(0, 2).toString(), 'PK');
  void lawyer;
  void bureau;
});
