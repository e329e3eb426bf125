import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { assertError } from '../helpers/http.js';
import { decisionPolicy, dueFrom } from '../../server/modules/legalaid/cases.service.js';
import { reference } from '../../server/modules/requests/reference.js';
import { dayOf } from '../../server/modules/timelimits/days.js';

/*
 * 法律援助法 as the county's periods must read it (reference-data/laws.jsonl):
 * - 第十三条 "可以设置法律援助工作站或者联络点，就近受理法律援助申请" and 第四十三条 "法律援助机构应当自收到法律援助申请之日起
 *   七日内进行审查，作出是否给予法律援助的决定": an application taken at a town station, or submitted online, is received
 *   that day; the station's first review runs inside the 7 days.
 * - 第四十四条 "法律援助机构收到法律援助申请后，发现有下列情形之一的，可以决定先行提供法律援助": from receipt.
 * - 第四十九条 "申请人、受援人对法律援助机构不予法律援助、终止法律援助的决定有异议的，可以向设立该法律援助机构的司法行政部门
 *   提出": no period; only a provincial rule, named, sets one, counted from receipt of the letter.
 */

let t: TestApp;
let station: Session;
let center: Session;
let bureau: Session;
let admin: Session;
before(async () => {
  t = await startTestApp();
  station = await t.login('station-411522101');
  center = await t.login('legalaid');
  bureau = await t.login('supervisor');
  admin = await t.login('admin');
});
after(() => t.close());

const PHONE = '13977778888';
let n = 0;
const application = (more: Record<string, unknown> = {}) => ({
  name: '陈玉兰',
  phone: PHONE,
  regionCode: '411522101203',
  description: '在镇上服装厂做工半年，老板拖欠工资一万二千元。',
  channel: 'walk_in',
  applicantKind: 'self',
  matterCategory: 'labourRemuneration',
  aidForm: 'labourArbitration',
  opposingParty: `镇服装厂${n++}`,
  familyMembers: [],
  monthlyIncome: 700,
  ...more,
});
const kebab = (a: string) => a.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`);
const act = (session: Session, c: { id: string; version: number }, action: string, body: Record<string, unknown> = {}) =>
  t.as(session, { method: 'POST', url: `/api/v1/legal-aid/cases/${c.id}/${kebab(action)}`, payload: { version: c.version, ...body } });
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a case as the API answers it, read field by field
const ok = async (res: Promise<{ statusCode: number; body: string; json: () => any }>) => {
  const r = await res;
  assert.ok(r.statusCode < 300, r.body);
  return r.json();
};
const atDesk = (session: Session, more: Record<string, unknown> = {}) =>
  ok(t.as(session, { method: 'POST', url: '/api/v1/legal-aid/cases', payload: application(more) }));
const caseById = (session: Session, id: string) => ok(t.as(session, { url: `/api/v1/legal-aid/cases/${id}` }));
const citizen = (tracking: string) =>
  t.app
    .inject({ url: `/api/v1/public/legal-aid/${tracking}?phone=${PHONE}`, remoteAddress: `10.47.0.${n++ % 250}` })
    .then((r) => r.json().legalAid);
const object = (tracking: string, grounds = '我认为符合法律援助条件，请求复查') =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/public/legal-aid/${tracking}/objections`,
    remoteAddress: `10.48.0.${n++ % 250}`,
    payload: { phone: PHONE, grounds },
  });
const settings = async () => (await t.as(admin, { url: '/api/v1/legal-aid/settings' })).json();
const setSettings = async (patch: Record<string, unknown>) =>
  t.as(admin, { method: 'PATCH', url: '/api/v1/legal-aid/settings', payload: { version: (await settings()).version, ...patch } });
async function letter(caseId: string, kind: string): Promise<string> {
  const res = await t.as(center, { url: `/api/v1/legal-aid/cases/${caseId}/documents/${kind}` });
  assert.equal(res.statusCode, 200, res.body);
  const xml = (await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')?.async('string')) ?? '';
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

test('第十三条、第四十三条: an application taken at a town station is received that day — its 7 days start at once, first review runs inside them', async () => {
  const ref = await reference(t.db);
  const c = await atDesk(station);
  assert.equal(c.stage, 'firstReview');
  assert.ok(c.receivedAt, 'received at the station (工作站), the legal aid agency’s own');
  assert.ok(Math.abs(Date.parse(c.receivedAt) - Date.now()) < 60_000);
  assert.equal(c.decisionClock.dueAt, dueFrom(ref, decisionPolicy(ref), new Date(c.receivedAt))?.toISOString());
  const row = await t.db
    .selectFrom('aid_cases')
    .select(['decision_due_at', 'received_at'])
    .where('id', '=', c.id)
    .executeTakeFirstOrThrow();
  assert.equal(row.decision_due_at?.toISOString(), c.decisionClock.dueAt, 'decision_due_at set at receipt');
  const seen = await citizen(c.trackingNo);
  assert.equal(seen.decisionDueAt, c.decisionClock.dueAt, 'the applicant sees the 7-day date while the station reviews');

  // the station's forward does not restart the clock: the center decides by the same date
  const forwarded = await ok(act(station, c, 'firstReview', { opinion: 'recommendGrant', note: '材料齐全，建议给予' }));
  assert.equal(forwarded.stage, 'review');
  assert.equal(forwarded.receivedAt, c.receivedAt);
  assert.equal(forwarded.decisionClock.dueAt, c.decisionClock.dueAt);
});

test('第四十三条: an application submitted online is received that day, whichever station reviews it first', async () => {
  const ref = await reference(t.db);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/public/legal-aid/applications',
    remoteAddress: `10.49.0.${n++ % 250}`,
    payload: application({ channel: 'web', pledge: true }),
  });
  assert.equal(res.statusCode, 201, res.body);
  const row = await t.db
    .selectFrom('aid_cases as c')
    .innerJoin('service_requests as r', 'r.id', 'c.request_id')
    .select(['c.id', 'c.stage', 'c.received_at', 'c.decision_due_at', 'r.created_at', 'r.due_at'])
    .where('r.tracking_no', '=', res.json().trackingNo)
    .executeTakeFirstOrThrow();
  assert.equal(row.stage, 'firstReview');
  assert.ok(row.received_at && Math.abs(row.received_at.getTime() - row.created_at.getTime()) < 5_000, 'received when submitted');
  assert.equal(row.decision_due_at?.toISOString(), dueFrom(ref, decisionPolicy(ref), row.received_at!)?.toISOString());
});

test('第四十三条第二款: a one-time notice during first review pauses the 7 days; materials resume them with the days left', async () => {
  let c = await atDesk(station);
  const due = Date.parse(c.decisionClock.dueAt);
  c = await ok(act(station, c, 'requestMaterials', { items: ['劳动合同或工资条'] }));
  assert.equal(c.stage, 'awaitingMaterials');
  assert.equal(c.decisionClock, null, 'paused');
  c = await ok(act(station, c, 'materialsReceived'));
  assert.equal(c.stage, 'firstReview');
  assert.ok(c.decisionClock, 'the 7 days run on in first review');
  assert.ok(Math.abs(Date.parse(c.decisionClock.dueAt) - due) < 2 * 86_400_000, 'same-day resume: the date barely moves');
});

test('第四十四条: the center may give early aid from receipt, while the station still reviews, and assign before deciding', async () => {
  const soon = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  let c = await atDesk(station, { limitationExpiresOn: soon });
  assert.equal(c.stage, 'firstReview');
  assert.ok(!c.allowedActions.includes('earlyAid'), 'the station does not decide early aid');
  const atCenter = await caseById(center, c.id);
  assert.ok(atCenter.allowedActions.includes('earlyAid'), JSON.stringify(atCenter.allowedActions));
  assert.ok(!atCenter.allowedActions.includes('assign'), 'no assignment before a decision without early aid');
  c = await ok(act(center, atCenter, 'earlyAid', { ground: 'limitationExpiring', note: '仲裁时效三日后届满' }));
  assert.equal(c.earlyAid, 'limitationExpiring');
  assert.ok(c.allowedActions.includes('assign'));
  const providers = (await t.as(center, { url: `/api/v1/legal-aid/cases/${c.id}/suggestions` })).json();
  c = await ok(act(center, c, 'assign', { providerId: providers[0].id }));
  assert.equal(c.stage, 'assigned');
  assert.equal(c.decision, null);
  const request = await t.db
    .selectFrom('service_requests')
    .select(['handler_site_id', 'status'])
    .where('id', '=', c.requestId)
    .executeTakeFirstOrThrow();
  const centerSite = await t.db.selectFrom('sites').select('id').where('kind', '=', 'center').executeTakeFirstOrThrow();
  assert.equal(request.handler_site_id, centerSite.id, 'the center holds the request once it assigns');
});

async function refused() {
  const c = await atDesk(center, { monthlyIncome: 90_000 });
  return ok(act(center, c, 'decide', { decision: 'refuse', reason: '家庭人均收入高于本地经济困难标准' }));
}

test('第四十九条 sets no period for objecting: by default an objection is taken however long after the refusal, and the letter states the right without a period', async () => {
  const s = await settings();
  assert.equal(s.objectionDays, null);
  assert.equal(s.objectionBasis, null);
  let c = await refused();
  assert.equal(c.canObject, true);
  assert.equal(c.objectionDeadline, null, 'no deadline runs');
  const text = await letter(c.id, 'decision');
  assert.ok(text.includes('如对本决定有异议，你可以向光山县司法局提出。'), text);
  assert.ok(!/日内向.{0,12}司法局提出/.test(text), 'no period printed');
  // the refusal long past (and served long ago): still open
  const longAgo = new Date(Date.now() - 200 * 86_400_000);
  await t.db.updateTable('aid_cases').set({ decided_at: longAgo, decision_served_at: longAgo }).where('id', '=', c.id).execute();
  c = await caseById(center, c.id);
  assert.equal((await citizen(c.trackingNo)).canObject, true);
  const filed = await object(c.trackingNo);
  assert.equal(filed.statusCode, 201, filed.body);
});

test('第四十九条: a provincial period needs its basis and runs from receipt of the letter (the serve step); late objections are refused only then', async () => {
  const before = await settings();
  assertError(await setSettings({ objectionDays: 15 }), 422, 'AID_OBJECTION_BASIS_REQUIRED');
  const set = await setSettings({ objectionDays: 15, objectionBasis: '某省法律援助条例第三十条' });
  assert.equal(set.statusCode, 200, set.body);
  assert.deepEqual([set.json().objectionDays, set.json().objectionBasis], [15, '某省法律援助条例第三十条']);
  try {
    let c = await refused();
    const text = await letter(c.id, 'decision');
    assert.ok(text.includes('依照某省法律援助条例第三十条的规定，自收到本决定书之日起15日内向光山县司法局提出'), text);
    // not yet served: the period has not started, so it cannot have ended
    assert.equal(c.canObject, true);
    assert.equal(c.objectionDeadline, null);
    assert.equal(c.decisionServedAt, null);
    assert.ok(c.allowedActions.includes('serve'));
    const today = dayOf(new Date());
    const yesterday = dayOf(new Date(Date.now() - 86_400_000));
    const tomorrow = dayOf(new Date(Date.now() + 86_400_000));
    // before the decision or in the future: refused
    assertError(await act(center, c, 'serve', { servedOn: yesterday }), 422, 'AID_SERVICE_DATE_INVALID');
    assertError(await act(center, c, 'serve', { servedOn: tomorrow }), 422, 'AID_SERVICE_DATE_INVALID');
    c = await ok(act(center, c, 'serve', { servedOn: today, note: '申请人当面签收' }));
    assert.equal(dayOf(new Date(c.decisionServedAt)), today);
    const ref = await reference(t.db);
    assert.equal(
      c.objectionDeadline,
      dueFrom(ref, { unit: 'calendar', days: 15, dueSoonDays: 0 }, new Date(c.decisionServedAt))?.toISOString(),
      '15 calendar days from receipt, the last day rolled past a holiday',
    );
    assert.equal((await citizen(c.trackingNo)).objectionDeadline, c.objectionDeadline);

    // received 30 days ago: the provincial 15 days are over
    const served = new Date(Date.now() - 30 * 86_400_000);
    await t.db
      .updateTable('aid_cases')
      .set({ decided_at: new Date(served.getTime() - 86_400_000), decision_served_at: served })
      .where('id', '=', c.id)
      .execute();
    c = await caseById(center, c.id);
    assert.equal(c.canObject, false);
    assert.equal((await citizen(c.trackingNo)).canObject, false);
    assertError(await object(c.trackingNo), 422, 'AID_OBJECTION_PERIOD_OVER');
    assertError(
      await t.as(center, {
        method: 'POST',
        url: `/api/v1/legal-aid/cases/${c.id}/objections`,
        payload: { grounds: '申请人到窗口提出异议' },
      }),
      422,
      'AID_OBJECTION_PERIOD_OVER',
    );
  } finally {
    const back = await setSettings({ objectionDays: before.objectionDays, objectionBasis: before.objectionBasis });
    assert.equal(back.statusCode, 200, back.body);
    assert.equal(back.json().objectionDays, null);
  }
});

test('第四十九条 covers termination too: the recipient objects to a termination; the letter states the right; the bureau may order it lifted', async () => {
  let c = await atDesk(center);
  c = await ok(act(center, c, 'decide', { decision: 'grant', reason: '符合法律援助条件' }));
  const providers = (await t.as(center, { url: `/api/v1/legal-aid/cases/${c.id}/suggestions` })).json();
  c = await ok(act(center, c, 'assign', { providerId: providers[0].id }));
  c = await ok(act(center, c, 'terminate', { ground: 'meansChanged', reason: '受援人继承房产，经济状况发生变化' }));
  assert.equal(c.stage, 'terminated');
  assert.equal(c.canObject, true);
  const text = await letter(c.id, 'terminationDecision');
  assert.ok(text.includes('如对本决定有异议，你可以向光山县司法局提出。'), text);
  assert.ok(c.allowedActions.includes('serve'));
  c = await ok(act(center, c, 'serve', { servedOn: dayOf(new Date()) }));

  const filed = await object(c.trackingNo, '我的收入并未变化，继承的房产无法变现');
  assert.equal(filed.statusCode, 201, filed.body);
  const o = (await caseById(bureau, c.id)).objections.at(-1);
  assert.equal(o.against, 'termination');
  const decided = await ok(
    t.as(bureau, {
      method: 'POST',
      url: `/api/v1/legal-aid/objections/${o.id}/decision`,
      payload: { version: o.version, decision: 'correct', reason: '房产尚未分割，不能认定经济状况变化，责令改正' },
    }),
  );
  assert.equal(decided.stage, 'assigned', 'the aid goes on');
  assert.equal(decided.decisionServedAt, null, 'the lifted termination’s receipt date goes with it');
});
