import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { assertError } from '../helpers/http.js';
import { withdrawLapsed } from '../../server/modules/legalaid/cases.service.js';

let t: TestApp;
let station: Session;
let center: Session;
let bureau: Session;
before(async () => {
  t = await startTestApp();
  station = await t.login('station-411522101');
  center = await t.login('legalaid');
  bureau = await t.login('supervisor');
});
after(() => t.close());

const PHONE = '13955556666';
let n = 0;
const kebab = (a: string) => a.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`);
async function newCase(session: Session, more: Record<string, unknown> = {}) {
  const res = await t.as(session, {
    method: 'POST',
    url: '/api/v1/legal-aid/cases',
    payload: {
      name: '张桂兰',
      phone: PHONE,
      regionCode: '411522101203',
      description: '儿子多年不支付赡养费，本人七十五岁无收入。',
      channel: 'walk_in',
      applicantKind: 'self',
      matterCategory: 'maintenance',
      aidForm: 'litigationAgency',
      opposingParty: `李${n++}`,
      familyMembers: [],
      monthlyIncome: 600,
      ...more,
    },
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}
const act = async (session: Session, c: { id: string; version: number }, action: string, body: Record<string, unknown> = {}) =>
  t.as(session, { method: 'POST', url: `/api/v1/legal-aid/cases/${c.id}/${kebab(action)}`, payload: { version: c.version, ...body } });

test('the one-time notice stops the 7-day clock; materials resume it with the days left; not supplied in time → deemed withdrawn', async () => {
  let c = await newCase(center);
  assert.equal(c.stage, 'review', 'taken at the center: its 7 days start at once');
  const due = Date.parse(c.decisionClock.dueAt);
  const asked = await act(center, c, 'requestMaterials', { items: ['户口簿', '子女赡养关系证明'] });
  assert.equal(asked.statusCode, 200, asked.body);
  c = asked.json();
  assert.equal(c.stage, 'awaitingMaterials');
  assert.equal(c.decisionClock, null, 'no decision clock while paused');
  assert.deepEqual(c.missingMaterials, ['户口簿', '子女赡养关系证明']);
  c = (await act(center, c, 'materialsReceived')).json();
  assert.equal(c.stage, 'review');
  assert.ok(Math.abs(Date.parse(c.decisionClock.dueAt) - due) < 2 * 86_400_000, 'same day resume: the deadline barely moves');

  const d = await newCase(center);
  await act(center, d, 'requestMaterials', { items: ['收入证明'] });
  await sql`update aid_cases set materials_due_at = now() - interval '1 minute' where id = ${d.id}`.execute(t.db);
  const withdrawn = await withdrawLapsed({ db: t.db, cipher: t.cipher });
  assert.ok(withdrawn >= 1);
  const after = (await t.as(center, { url: `/api/v1/legal-aid/cases/${d.id}` })).json();
  assert.equal(after.stage, 'withdrawn');
  assert.equal(await withdrawLapsed({ db: t.db, cipher: t.cipher }), 0, 'a second scanner finds nothing left');
});

test('granting against a failed criterion needs a reason; refusal opens an objection decided by the bureau within 5 days', async () => {
  const c = await newCase(center, { monthlyIncome: 90_000 });
  assert.equal(c.eligibility.passed, false);
  assertError(await act(center, c, 'decide', { decision: 'grant', reason: '同意' }), 422, 'AID_OVERRIDE_REASON_REQUIRED');
  const refused = (await act(center, c, 'decide', { decision: 'refuse', reason: '家庭人均收入高于标准' })).json();
  assert.equal(refused.stage, 'refused');
  const tracking = refused.trackingNo;
  const objected = await t.app.inject({
    method: 'POST',
    url: `/api/v1/public/legal-aid/${tracking}/objections`,
    remoteAddress: '10.44.0.1',
    payload: { phone: PHONE, grounds: '收入为一次性补偿，非经常性收入' },
  });
  assert.equal(objected.statusCode, 201, objected.body);
  const due = Date.parse(objected.json().dueAt);
  assert.ok(due > Date.now() + 4 * 86_400_000 && due < Date.now() + 10 * 86_400_000, 'five days, rolled past holidays');
  const again = await t.app.inject({
    method: 'POST',
    url: `/api/v1/public/legal-aid/${tracking}/objections`,
    remoteAddress: '10.44.0.2',
    payload: { phone: PHONE, grounds: '再次提出异议' },
  });
  assertError(again, 409, 'AID_OBJECTION_NOT_ALLOWED');
  const view = (await t.as(bureau, { url: `/api/v1/legal-aid/cases/${c.id}` })).json();
  const o = view.objections[0];
  assertError(
    await t.as(center, {
      method: 'POST',
      url: `/api/v1/legal-aid/objections/${o.id}/decision`,
      payload: { version: o.version, decision: 'correct', reason: '改正' },
    }),
    403,
    'FORBIDDEN',
  );
  const corrected = await t.as(bureau, {
    method: 'POST',
    url: `/api/v1/legal-aid/objections/${o.id}/decision`,
    payload: { version: o.version, decision: 'correct', reason: '一次性补偿不计入经常性收入，责令重新审查' },
  });
  assert.equal(corrected.statusCode, 200, corrected.body);
  assert.equal(corrected.json().stage, 'review', 'the center decides again');
  assert.ok(corrected.json().decisionClock.dueAt);
});

test('early aid needs fewer than 7 days to the limitation date; it allows assignment before the decision', async () => {
  const far = await newCase(center, { limitationExpiresOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10) });
  assertError(await act(center, far, 'earlyAid', { ground: 'limitationExpiring', note: '时效将届满' }), 422, 'AID_EARLY_AID_NOT_URGENT');
  let c = await newCase(center, { limitationExpiresOn: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10) });
  assert.ok(!c.allowedActions.includes('assign'));
  c = (await act(center, c, 'earlyAid', { ground: 'limitationExpiring', note: '仲裁时效三日后届满' })).json();
  assert.ok(c.allowedActions.includes('assign'));
  const providers = (await t.as(center, { url: `/api/v1/legal-aid/cases/${c.id}/suggestions` })).json();
  c = (await act(center, c, 'assign', { providerId: providers[0].id })).json();
  assert.equal(c.stage, 'assigned');
  assert.equal(c.decision, null);
});

test('termination on each ground of art. 48 concludes the request and can be objected to', async () => {
  for (const ground of [
    'deception',
    'concealment',
    'unlawfulUse',
    'meansChanged',
    'proceedingsEnded',
    'ownLawyer',
    'recipientRequest',
    'otherStatutory',
  ]) {
    let c = await newCase(center);
    c = (await act(center, c, 'decide', { decision: 'grant', reason: '符合条件' })).json();
    const providers = (await t.as(center, { url: `/api/v1/legal-aid/cases/${c.id}/suggestions` })).json();
    c = (await act(center, c, 'assign', { providerId: providers[0].id })).json();
    const ended = await act(center, c, 'terminate', { ground, reason: `终止：${ground}` });
    assert.equal(ended.statusCode, 200, ended.body);
    assert.equal(ended.json().stage, 'terminated');
    assert.equal(ended.json().terminationGround, ground);
  }
});

test('a station cannot act at the center’s steps, nor on another town’s applications', async () => {
  const c = await newCase(station);
  assert.equal(c.stage, 'firstReview');
  assertError(await act(station, c, 'decide', { decision: 'grant', reason: '同意' }), 409, 'INVALID_TRANSITION');
  const other = await t.login('station-411522102');
  assertError(await act(other, c, 'firstReview', { opinion: 'recommendGrant', note: '' }), 404, 'NOT_FOUND');
  const unchanged = (await t.as(station, { url: `/api/v1/legal-aid/cases/${c.id}` })).json();
  assert.equal(unchanged.version, c.version);
});
