import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { assertError } from '../helpers/http.js';
import { decisionPolicy, dueFrom } from '../../server/modules/legalaid/cases.service.js';
import { aidSettings } from '../../server/modules/legalaid/settings.service.js';
import { reference } from '../../server/modules/requests/reference.js';

/*
 * The 7-day decision limit (art. 43) and the 3-day assignment limit, as the county configures them, around
 * the 2026 Mid-Autumn (Sep 25–27) and National Day (Oct 1–7) holidays; and a change of provider (art. 55).
 */

let t: TestApp;
let center: Session;
let admin: Session;
before(async () => {
  t = await startTestApp();
  center = await t.login('legalaid');
  admin = await t.login('admin');
});
after(() => t.close());

const COUNTY = '411522';
/** 10:00 in Beijing on that day */
const tenAm = (day: string) => new Date(`${day}T10:00:00+08:00`);
/** the end of that day in Beijing, as stored */
const endOf = (day: string) => new Date(`${day}T24:00:00+08:00`).toISOString();

test('the 7-day decision limit ending on a holiday rolls to the next working day (Civil Code art. 203)', async () => {
  const ref = await reference(t.db);
  const policy = decisionPolicy(ref);
  assert.deepEqual({ unit: policy.unit, days: policy.days }, { unit: 'calendar', days: 7 });
  // received Thu 24 Sep: the 7th day is 1 Oct, National Day → the first working day after the holiday
  assert.equal(dueFrom(ref, policy, tenAm('2026-09-24'))?.toISOString(), endOf('2026-10-08'));
  // received Fri 18 Sep: the 7th day is Fri 25 Sep, Mid-Autumn (25–27) → Mon 28 Sep
  assert.equal(dueFrom(ref, policy, tenAm('2026-09-18'))?.toISOString(), endOf('2026-09-28'));
  // an ordinary week: no roll
  assert.equal(dueFrom(ref, policy, tenAm('2026-11-02'))?.toISOString(), endOf('2026-11-09'));
});

test('the 3-day assignment limit ending on a holiday rolls too (法律援助法 第四十三条「三日内指派」, 民法典 第二百零三条)', async () => {
  const ref = await reference(t.db);
  const { assignmentPolicy } = await aidSettings(t.db, COUNTY);
  assert.deepEqual({ unit: assignmentPolicy.unit, days: assignmentPolicy.days }, { unit: 'calendar', days: 3 });
  // granted Mon 28 Sep: the 3rd day is 1 Oct → 8 Oct
  assert.equal(dueFrom(ref, assignmentPolicy, tenAm('2026-09-28'))?.toISOString(), endOf('2026-10-08'));
  // granted Tue 22 Sep: the 3rd day is 25 Sep (Mid-Autumn) → 28 Sep
  assert.equal(dueFrom(ref, assignmentPolicy, tenAm('2026-09-22'))?.toISOString(), endOf('2026-09-28'));
});

test('第四十三条 sets calendar periods: a county may not count the 3-day assignment in working days nor lengthen it; it may shorten it', async () => {
  const settings = async () => (await t.as(admin, { url: '/api/v1/legal-aid/settings' })).json();
  const set = async (assignmentPolicy: unknown) =>
    t.as(admin, { method: 'PATCH', url: '/api/v1/legal-aid/settings', payload: { version: (await settings()).version, assignmentPolicy } });
  const before = await settings();
  // 3 working days from Wed 30 Sep would be 8, 9 and Sat 10 Oct: longer than the Law's 3 days (→ 8 Oct)
  assertError(await set({ unit: 'working', days: 3, dueSoonDays: 1 }), 422, 'AID_STATUTORY_PERIOD');
  assertError(await set({ unit: 'working', days: 1, dueSoonDays: 0 }), 422, 'AID_STATUTORY_PERIOD');
  assertError(await set({ unit: 'calendar', days: 4, dueSoonDays: 1 }), 422, 'AID_STATUTORY_PERIOD');
  assert.deepEqual((await settings()).assignmentPolicy, before.assignmentPolicy, 'nothing stored');
  // shorter is allowed: two calendar days
  const shorter = await set({ unit: 'calendar', days: 2, dueSoonDays: 1 });
  assert.equal(shorter.statusCode, 200, shorter.body);
  assert.equal(shorter.json().assignmentPolicy.days, 2);
  // a working-day setting stored by an earlier release reads as the Law's calendar period
  await t.db
    .updateTable('aid_settings')
    .set({ assignment_policy: JSON.stringify({ unit: 'working', days: 3, dueSoonDays: 1 }) })
    .where('county_code', '=', COUNTY)
    .execute();
  assert.deepEqual((await aidSettings(t.db, COUNTY)).assignmentPolicy, { unit: 'calendar', days: 3, dueSoonDays: 1 });
  const back = await set(before.assignmentPolicy);
  assert.equal(back.statusCode, 200, back.body);
});

test('第四十三条 sets the 7-day decision period in calendar days: the catalogue refuses working days or more days, takes fewer', async () => {
  const item = (await t.app.inject({ url: '/api/v1/service-items/legalAid' })).json();
  const patch = async (timeLimit: unknown) => {
    const current = (await t.app.inject({ url: '/api/v1/service-items/legalAid' })).json();
    return t.as(admin, { method: 'PATCH', url: '/api/v1/service-items/legalAid', payload: { version: current.version, timeLimit } });
  };
  assertError(await patch({ unit: 'working', days: 7, dueSoonDays: 2 }), 422, 'AID_STATUTORY_PERIOD');
  assertError(await patch({ unit: 'calendar', days: 10, dueSoonDays: 2 }), 422, 'AID_STATUTORY_PERIOD');
  const shorter = await patch({ unit: 'calendar', days: 5, dueSoonDays: 2 });
  assert.equal(shorter.statusCode, 200, shorter.body);
  try {
    const ref = await reference(t.db);
    const policy = decisionPolicy(ref);
    assert.deepEqual({ unit: policy.unit, days: policy.days }, { unit: 'calendar', days: 5 });
    // from Thu 24 Sep: the 5th day is 29 Sep, a working day
    assert.equal(dueFrom(ref, policy, tenAm('2026-09-24'))?.toISOString(), endOf('2026-09-29'));
    // and a case received now gets its clock from that policy
    const c = await newCase();
    assert.equal(c.decisionClock.dueAt, dueFrom(ref, policy, new Date(c.receivedAt))?.toISOString());
  } finally {
    assert.equal((await patch(item.timeLimit)).statusCode, 200);
  }
});

let n = 0;
async function newCase(more: Record<string, unknown> = {}) {
  const res = await t.as(center, {
    method: 'POST',
    url: '/api/v1/legal-aid/cases',
    payload: {
      name: `王秀${n++}`,
      phone: '13955557777',
      regionCode: '411522',
      description: '在工地干了八个月，老板拖欠工资三万二千元不给。',
      channel: 'walk_in',
      applicantKind: 'self',
      matterCategory: 'labourRemuneration',
      aidForm: 'labourArbitration',
      opposingParty: '光山县宏达建筑有限公司',
      familyMembers: [],
      monthlyIncome: 1200,
      ...more,
    },
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}
const kebab = (a: string) => a.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`);
const act = (c: { id: string; version: number }, action: string, body: Record<string, unknown> = {}, who = center) =>
  t.as(who, { method: 'POST', url: `/api/v1/legal-aid/cases/${c.id}/${kebab(action)}`, payload: { version: c.version, ...body } });

test('change of provider on the recipient’s request (art. 55): a reason, another provider, the conflict check again, loads move', async () => {
  let c = await newCase();
  c = (await act(c, 'decide', { decision: 'grant', reason: '符合条件' })).json();
  assert.equal(c.stage, 'granted');
  const suggestions = (await t.as(center, { url: `/api/v1/legal-aid/cases/${c.id}/suggestions` })).json() as {
    id: string;
    name: string;
    load: number;
    conflicts: string[];
  }[];
  const byName = (name: string) => suggestions.find((s) => s.name === name)!;
  const zhou = byName('周律师');
  const zheng = byName('郑法律工作者');
  const chen = byName('陈律师');
  assert.deepEqual(chen.conflicts, ['曾代理：光山县宏达建筑有限公司']);

  c = (await act(c, 'assign', { providerId: zhou.id })).json();
  assert.equal(c.provider.name, '周律师');
  const loads = async () => {
    const list = (await t.as(center, { url: '/api/v1/legal-aid/providers' })).json() as { name: string; load: number }[];
    return Object.fromEntries(list.map((p) => [p.name, p.load]));
  };
  const before = await loads();

  assertError(await act(c, 'changeProvider', { providerId: zheng.id }), 400, 'VALIDATION_FAILED');
  assertError(await act(c, 'changeProvider', { providerId: zhou.id, reason: '受援人要求更换' }), 422, 'AID_PROVIDER_INVALID');
  assertError(await act(c, 'changeProvider', { providerId: chen.id, reason: '受援人要求更换' }), 409, 'AID_CONFLICT_OF_INTEREST');
  const unchanged = (await t.as(center, { url: `/api/v1/legal-aid/cases/${c.id}` })).json();
  assert.equal(unchanged.provider.name, '周律师', 'refused changes leave the provider as it was');

  const changed = await act(c, 'changeProvider', { providerId: zheng.id, reason: '受援人认为承办律师沟通不畅，申请更换' });
  assert.equal(changed.statusCode, 200, changed.body);
  c = changed.json();
  assert.equal(c.stage, 'assigned');
  assert.equal(c.provider.name, '郑法律工作者');
  const after = await loads();
  assert.equal(after['周律师'], before['周律师']! - 1, 'the old provider is relieved of it');
  assert.equal(after['郑法律工作者'], before['郑法律工作者']! + 1, 'the new one carries it');
  assertError(await act({ id: c.id, version: c.version - 1 }, 'progress', { note: '旧版本' }), 409, 'VERSION_CONFLICT');

  const timeline: unknown = (await t.as(center, { url: `/api/v1/requests/${c.requestId}/timeline` })).json();
  const events = timeline as { type: string; note: string }[];
  const change = events.find((e) => e.type === 'aidProviderChanged');
  assert.ok(change, JSON.stringify(events.map((e) => e.type)));
  assert.match(change.note, /沟通不畅/);
});
