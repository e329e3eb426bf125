import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { assertError } from '../helpers/http.js';

/* 法律援助法 第四十九条: one objection per refusal or termination; the bureau's answer settles that decision. */

let t: TestApp;
let center: Session;
let bureau: Session;
before(async () => {
  t = await startTestApp();
  center = await t.login('legalaid');
  bureau = await t.login('supervisor');
});
after(() => t.close());

const PHONE = '13966667777';
let n = 0;
const kebab = (a: string) => a.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`);
async function refusedCase() {
  const res = await t.as(center, {
    method: 'POST',
    url: '/api/v1/legal-aid/cases',
    payload: {
      name: '周海燕',
      phone: PHONE,
      regionCode: '411522101203',
      description: '邻居占用宅基地，多次协商无果。',
      channel: 'walk_in',
      applicantKind: 'self',
      matterCategory: 'other',
      aidForm: 'consultation',
      opposingParty: `邻居${n++}`,
      familyMembers: [],
      monthlyIncome: 90_000,
    },
  });
  assert.equal(res.statusCode, 201, res.body);
  const refused = await act(center, res.json(), 'decide', { decision: 'refuse', reason: '不属于法律援助事项，收入高于标准' });
  assert.equal(refused.statusCode, 200, refused.body);
  return refused.json();
}
const act = (session: Session, c: { id: string; version: number }, action: string, body: Record<string, unknown> = {}) =>
  t.as(session, { method: 'POST', url: `/api/v1/legal-aid/cases/${c.id}/${kebab(action)}`, payload: { version: c.version, ...body } });
const object = (tracking: string, grounds = '我认为符合条件，请求复查') =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/public/legal-aid/${tracking}/objections`,
    remoteAddress: `10.45.0.${n++ % 250}`,
    payload: { phone: PHONE, grounds },
  });
const citizen = (tracking: string) =>
  t.app
    .inject({ url: `/api/v1/public/legal-aid/${tracking}?phone=${PHONE}`, remoteAddress: `10.46.0.${n++ % 250}` })
    .then((r) => r.json().legalAid);
const decide = async (caseId: string, decision: 'uphold' | 'correct') => {
  const o = (await t.as(bureau, { url: `/api/v1/legal-aid/cases/${caseId}` })).json().objections.at(-1);
  const res = await t.as(bureau, {
    method: 'POST',
    url: `/api/v1/legal-aid/objections/${o.id}/decision`,
    payload: { version: o.version, decision, reason: decision === 'uphold' ? '原决定并无不当，予以维持' : '责令重新审查' },
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
};

test('after the bureau upholds a refusal, the same refusal cannot be objected to again, on the portal or at the desk', async () => {
  const c = await refusedCase();
  assert.equal(c.canObject, true, 'the refusal may be objected to (第四十九条 sets no period)');
  assert.equal((await citizen(c.trackingNo)).canObject, true);
  assert.equal((await object(c.trackingNo)).statusCode, 201);
  assert.equal((await citizen(c.trackingNo)).canObject, false, 'one under review');

  const upheld = await decide(c.id, 'uphold');
  assert.equal(upheld.stage, 'refused');
  assert.equal(upheld.canObject, false, 'no window left for this refusal');
  const seen = await citizen(c.trackingNo);
  assert.equal(seen.canObject, false, 'an upheld objection closes the window');
  assert.equal(seen.objection.decision, 'uphold');

  assertError(await object(c.trackingNo, '我还是不服，再次提出'), 409, 'AID_OBJECTION_ALREADY_DECIDED');
  assertError(
    await t.as(center, {
      method: 'POST',
      url: `/api/v1/legal-aid/cases/${c.id}/objections`,
      payload: { grounds: '申请人到窗口再次提出异议' },
    }),
    409,
    'AID_OBJECTION_ALREADY_DECIDED',
  );
  const rows = await t.db.selectFrom('aid_objections').select('id').where('case_id', '=', c.id).execute();
  assert.equal(rows.length, 1, 'no second objection row');
});

test('a "correct" sends the case back; a new refusal after it is a new decision with its own objection window', async () => {
  const c = await refusedCase();
  assert.equal((await object(c.trackingNo)).statusCode, 201);
  const corrected = await decide(c.id, 'correct');
  assert.equal(corrected.stage, 'review');
  assert.equal((await citizen(c.trackingNo)).canObject, false, 'nothing to object to while the center decides again');

  const again = await act(center, corrected, 'decide', { decision: 'refuse', reason: '重新审查后仍不符合条件' });
  assert.equal(again.statusCode, 200, again.body);
  assert.equal(again.json().canObject, true);
  assert.equal((await citizen(c.trackingNo)).canObject, true, 'the new refusal opens a new window');
  assert.equal((await object(c.trackingNo, '对重新作出的决定提出异议')).statusCode, 201);
  await decide(c.id, 'uphold');
  assertError(await object(c.trackingNo, '第三次提出异议'), 409, 'AID_OBJECTION_ALREADY_DECIDED');
});
