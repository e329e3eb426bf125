import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { TEST_ENGINE } from '../helpers/db.js';
import { openDatabase } from '../../server/db/database.js';
import { scanDueStates } from '../../server/modules/requests/due-scanner.js';
import { deadlineFrom } from '../../server/modules/requests/intake.service.js';
import { loadCalendar } from '../../server/modules/timelimits/calendar.service.js';
import { addDays, dayOf, endOfDay, startOfDay } from '../../server/modules/timelimits/days.js';
import { addCalendarDays, addWorkingDays, computeDeadline, isWorkingDay, type Policy } from '../../server/modules/timelimits/rules.js';
import {
  noticesAbout,
  requestRow,
  seedAccepted,
  seedColleague,
  seedDispatched,
  stepOk,
  timelineTypes,
  SHILI,
  ZHAIHE,
  loginAll,
} from '../helpers/requests.js';

let t: TestApp;
let admin: Session;
let supervisor: Session;
let reception: Session;
let station: Session;
let otherStation: Session;
let townSupervisor: Session;
let otherTownSupervisor: Session;
before(async () => {
  t = await startTestApp();
  await seedColleague(t, { username: 'sup-shili', kind: 'station', regionCode: SHILI, posts: ['supervisor'], displayName: '十里镇督办' });
  await seedColleague(t, { username: 'sup-zhaihe', kind: 'station', regionCode: ZHAIHE, posts: ['supervisor'], displayName: '寨河镇督办' });
  [admin, supervisor, reception, station, otherStation, townSupervisor, otherTownSupervisor] = await loginAll(t, [
    'admin',
    'supervisor',
    'reception',
    `station-${SHILI}`,
    `station-${ZHAIHE}`,
    'sup-shili',
    'sup-zhaihe',
  ] as const);
});
after(() => t.close());

const policyOf = async (code: string) => {
  const res = await t.app.inject({ url: `/api/v1/service-items/${code}` });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().timeLimit as Policy;
};
/** Beijing 10:00 of the day, as an instant. */
const tenAm = (day: string) => new Date(startOfDay(day).getTime() + 10 * 3600_000);

test('the due date stored at submission follows the service item’s limit on the holiday calendar', async () => {
  const calendar = await loadCalendar(t.db);
  for (const code of ['legalAid', 'mediation', 'notary', 'consultation']) {
    const policy = await policyOf(code);
    const r = await seedDispatched(t, { serviceItem: code });
    const row = await requestRow(t, r.id);
    const startDay = dayOf(row.started_at);
    const expected =
      policy.unit === 'calendar' ? addCalendarDays(calendar, startDay, policy.days) : addWorkingDays(calendar, startDay, policy.days);
    assert.equal(row.due_at?.toISOString(), endOfDay(expected).toISOString(), code);
    assert.equal(r.dueAt, row.due_at?.toISOString(), `${code}: the citizen is told the stored due date`);
    assert.ok(isWorkingDay(calendar, expected), `${code}: a period never ends on a rest day`);
  }
  assert.deepEqual(await policyOf('legalAid'), { unit: 'calendar', days: 7, dueSoonDays: 2 }, '法律援助法 第四十三条: 7 days');
});

test('a legal aid limit (7 calendar days) ending in the 2026 Spring Festival rolls to the first working day after it', async () => {
  const legalAid = await policyOf('legalAid');
  // started Tue 10 Feb 2026: day 7 is 17 Feb (春节), the holiday runs to 23 Feb, so the period ends on Tue 24 Feb at 24:00
  const inFestival = await deadlineFrom(t.db, legalAid, tenAm('2026-02-10'), []);
  assert.equal(inFestival.dueAt?.toISOString(), '2026-02-24T16:00:00.000Z');
  // started Sat 7 Feb: day 7 is Sat 14 Feb, a make-up working day (调休上班), which is not a rest day
  assert.equal((await deadlineFrom(t.db, legalAid, tenAm('2026-02-07'), [])).dueAt?.toISOString(), '2026-02-14T16:00:00.000Z');
  assert.equal((await deadlineFrom(t.db, legalAid, tenAm('2026-03-03'), [])).dueAt?.toISOString(), '2026-03-10T16:00:00.000Z');

  // the same through the workbench: a legal aid request taken on 10 Feb and picked up again today is long overdue
  const r = await seedAccepted(t, station, { serviceItem: 'legalAid' });
  await t.db
    .updateTable('service_requests')
    .set({ started_at: tenAm('2026-02-10') })
    .where('id', '=', r.id)
    .execute();
  await stepOk(t, station, r.id, 'request-materials', { items: ['经济困难状况说明表'] });
  const resumed = await stepOk(t, station, r.id, 'resume');
  assert.equal(resumed.dueAt, '2026-02-24T16:00:00.000Z');
  assert.equal(resumed.dueState, 'overdue');
  const receipt = (await t.as(station, { url: `/api/v1/requests/${r.id}/receipt` })).json();
  assert.equal(receipt.lastDay, '2026-02-24');
});

test('a pause for materials (补正) moves the due date on by the working days it lasted', async () => {
  const notary = await policyOf('notary');
  assert.equal(notary.unit, 'working');
  const r = await seedAccepted(t, reception, { serviceItem: 'notary', description: '办理房屋继承公证，材料不全' });
  await stepOk(t, reception, r.id, 'request-materials', { items: ['被继承人死亡证明', '亲属关系证明'] });
  // the request came in ten days ago and has waited for the materials for the last five
  const today = dayOf(new Date());
  const started = tenAm(addDays(today, -10));
  const paused = tenAm(addDays(today, -5));
  await t.db
    .updateTable('service_requests')
    .set({ started_at: started, pauses: JSON.stringify([{ from: paused.toISOString() }]) })
    .where('id', '=', r.id)
    .execute();
  const resumed = await stepOk(t, reception, r.id, 'resume');

  const row = await requestRow(t, r.id);
  const resumedOn = dayOf(new Date((row.pauses as { to: string }[])[0]!.to));
  const calendar = await loadCalendar(t.db);
  let pausedWorkingDays = 0;
  for (let d = addDays(dayOf(paused), 1); d <= resumedOn; d = addDays(d, 1)) if (isWorkingDay(calendar, d)) pausedWorkingDays++;
  const unpaused = addWorkingDays(calendar, dayOf(started), notary.days);
  const expected = addWorkingDays(calendar, unpaused, pausedWorkingDays);
  assert.ok(pausedWorkingDays >= 1);
  assert.equal(resumed.dueAt, endOfDay(expected).toISOString(), `15 working days from ${dayOf(started)}, plus ${pausedWorkingDays} paused`);
  assert.equal(resumed.dueState, 'normal');
});

test('the scanner marks a request due soon, then overdue, and tells its handler and the supervisors over its site', async () => {
  const r = await seedAccepted(t, station, { serviceItem: 'legalAid' });
  const due = (await requestRow(t, r.id)).due_at!;
  const lastDay = dayOf(new Date(due.getTime() - 1));

  await scanDueStates(t.db, new Date(due.getTime() - 3600_000));
  assert.equal((await requestRow(t, r.id)).due_state, 'dueSoon');
  const soon = (await t.as(station, { url: '/api/v1/requests?queue=dueSoon&limit=200' })).json();
  assert.ok(
    soon.items.some((i: { id: string }) => i.id === r.id),
    'in the handler’s due-soon queue',
  );
  for (const who of [station, admin, supervisor, townSupervisor]) {
    const notices = await noticesAbout(t, who, r.id);
    assert.deepEqual(
      notices.map((n) => n.kind),
      ['dueSoon'],
      who.user.username,
    );
    assert.ok(notices[0]!.title.includes(r.trackingNo));
    assert.ok(notices[0]!.body.includes(lastDay), `${notices[0]!.body} names the last day ${lastDay}`);
  }

  await scanDueStates(t.db, new Date(due.getTime() + 60_000));
  assert.equal((await requestRow(t, r.id)).due_state, 'overdue');
  for (const who of [station, admin, supervisor, townSupervisor]) {
    assert.deepEqual((await noticesAbout(t, who, r.id)).map((n) => n.kind).sort(), ['dueSoon', 'overdue'], who.user.username);
  }
  for (const who of [otherStation, otherTownSupervisor, reception]) {
    assert.deepEqual(await noticesAbout(t, who, r.id), [], `${who.user.username} is not told`);
  }
  assert.deepEqual(await timelineTypes(t, r.id, ['dueSoon', 'overdue']), ['dueSoon', 'overdue']);
  const overdue = (await t.as(supervisor, { url: '/api/v1/requests?queue=overdue&limit=200' })).json();
  assert.ok(
    overdue.items.some((i: { id: string }) => i.id === r.id),
    'in the supervisor’s overdue queue',
  );

  // a second run finds nothing new to say
  await scanDueStates(t.db, new Date(due.getTime() + 120_000));
  assert.equal((await noticesAbout(t, station, r.id)).length, 2);
  assert.deepEqual(await timelineTypes(t, r.id, ['dueSoon', 'overdue']), ['dueSoon', 'overdue']);
});

/** Accepted requests whose time ran out a minute ago, as the scanner will find them. */
async function seedOverdue(n: number) {
  const seeded = [];
  for (let i = 0; i < n; i++) {
    const r = await seedAccepted(t, station, { serviceItem: 'legalAid' });
    await t.db
      .updateTable('service_requests')
      .set({ due_at: new Date(Date.now() - 60_000) })
      .where('id', '=', r.id)
      .execute();
    seeded.push(r);
  }
  return seeded;
}

async function assertToldOnce(ids: string[]) {
  for (const id of ids) {
    assert.deepEqual(await timelineTypes(t, id, ['dueSoon', 'overdue']), ['overdue'], 'one timeline event');
    for (const who of [station, admin, supervisor, townSupervisor]) {
      assert.deepEqual(
        (await noticesAbout(t, who, id)).map((n) => n.kind),
        ['overdue'],
        `${who.user.username}: one notice`,
      );
    }
    const rows = await t.db.selectFrom('notifications').select('staff_id').where('request_id', '=', id).execute();
    assert.equal(rows.length, new Set(rows.map((n) => n.staff_id)).size, 'nobody twice');
  }
}

test('two scanners at once: exactly one notice per person and one timeline event', async () => {
  const seeded = await seedOverdue(3);
  const reports = await Promise.all([scanDueStates(t.db), scanDueStates(t.db)]);
  const changed = await t.db
    .selectFrom('request_events')
    .select('request_id')
    .where('type', '=', 'overdue')
    .where(
      'request_id',
      'in',
      seeded.map((r) => r.id),
    )
    .execute();
  assert.equal(changed.length, 3);
  assert.ok(reports[0]!.changed + reports[1]!.changed >= 3);
  await assertToldOnce(seeded.map((r) => r.id));
});

const onPglite = TEST_ENGINE === 'pglite' && 'PGlite has a single connection';
test('two scanners on two database connections (PostgreSQL server): still one notice per person', { skip: onPglite }, async () => {
  const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(t.db)).rows[0]!.s;
  const second = await openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL, schema, poolSize: 2 });
  try {
    for (let round = 0; round < 3; round++) {
      const seeded = await seedOverdue(3);
      await Promise.all([scanDueStates(t.db), scanDueStates(second.db), scanDueStates(t.db)]);
      await assertToldOnce(seeded.map((r) => r.id));
    }
  } finally {
    await second.close();
  }
});

test('when an administrator makes a day a holiday, an open request whose period ended on it is due after it', async () => {
  const r = await seedAccepted(t, station, { serviceItem: 'legalAid' });
  const before = (await requestRow(t, r.id)).due_at!;
  const lastDay = dayOf(new Date(before.getTime() - 1));
  // the last day is a working day: a plain weekday, or a make-up Saturday the package lists (put back afterwards)
  const listed = await t.db.selectFrom('calendar_days').select(['kind', 'name']).where('date', '=', lastDay).executeTakeFirst();
  const set = await t.as(admin, { method: 'PUT', url: `/api/v1/calendar/${lastDay}`, payload: { kind: 'holiday', name: '临时调整' } });
  assert.equal(set.statusCode, 200, set.body);
  try {
    const calendar = await loadCalendar(t.db);
    const expected = computeDeadline(calendar, await policyOf('legalAid'), (await requestRow(t, r.id)).started_at).lastDay!;
    assert.notEqual(expected, lastDay);
    const seen = (await t.as(station, { url: `/api/v1/requests/${r.id}` })).json();
    assert.equal(
      seen.dueAt,
      endOfDay(expected).toISOString(),
      `still due at the end of ${lastDay}, now a holiday (timelimits/README.md: open requests spanning a changed day need their due date computed again)`,
    );
  } finally {
    if (listed) await t.as(admin, { method: 'PUT', url: `/api/v1/calendar/${lastDay}`, payload: listed });
    else await t.as(admin, { method: 'DELETE', url: `/api/v1/calendar/${lastDay}` });
  }
});
