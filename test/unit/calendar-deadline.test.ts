// Due instants with pauses (补正), and where a running period stands: normal, due soon, overdue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readPackageCalendar } from '../../server/modules/timelimits/calendar-package.js';
import { buildCalendar, computeDeadline, dueAt, remainingWorkingDays, status, type Policy } from '../../server/modules/timelimits/rules.js';

const cal = buildCalendar([...readPackageCalendar().years.values()].flat());
const at = (shanghai: string) => new Date(`${shanghai}+08:00`);
const iso = (d: Date | null) => d?.toISOString() ?? null;

const fifteen: Policy = { unit: 'working', days: 15, dueSoonDays: 3 };
const accepted = at('2026-03-02T10:00:00'); // a Monday
// without a pause: 03-03…06 (4), 09…13 (9), 16…20 (14), 23 (15)
const unpaused = '2026-03-23T16:00:00.000Z';

test('a 15-working-day limit paused for 10 days resumes with the days not yet used', () => {
  assert.equal(iso(dueAt(cal, fifteen, accepted)), unpaused);
  const pause = { from: at('2026-03-06T15:00:00'), to: at('2026-03-16T09:00:00') };
  const d = computeDeadline(cal, fifteen, accepted, [pause]);
  // used 03-03…03-06 (the pause day counts: the clock ran that day) = 4; 11 more from 03-16: 17…20, 23…27, 30, 31
  assert.equal(d.usedDays, 4);
  assert.equal(d.remainingDays, 11);
  assert.equal(d.lastDay, '2026-03-31');
  assert.equal(iso(d.dueAt), '2026-03-31T16:00:00.000Z');
});

test('while the clock is stopped there is no due instant, and the days left are known', () => {
  const d = computeDeadline(cal, fifteen, accepted, [{ from: at('2026-03-06T15:00:00') }]);
  assert.deepEqual(d, { dueAt: null, lastDay: null, usedDays: 4, remainingDays: 11, paused: true, provisional: false });
});

test('a pause on the start day uses no day; a pause within one day changes nothing', () => {
  const sameDay = [{ from: at('2026-03-02T16:00:00'), to: at('2026-03-04T10:00:00') }];
  // 15 working days counted from 03-04: 05, 06, 09…13, 16…20, 23, 24, 25
  assert.equal(computeDeadline(cal, fifteen, accepted, sameDay).lastDay, '2026-03-25');
  const brief = [{ from: at('2026-03-10T09:00:00'), to: at('2026-03-10T17:00:00') }];
  assert.equal(iso(dueAt(cal, fifteen, accepted, brief)), unpaused);
});

test('two pauses each stop the clock; a pause after the period ran out revives nothing', () => {
  const two = [
    { from: at('2026-03-06T15:00:00'), to: at('2026-03-16T09:00:00') }, // uses 4
    { from: at('2026-03-18T11:00:00'), to: at('2026-03-25T09:00:00') }, // uses 17, 18: 6 in all, 9 from 03-25
  ];
  assert.equal(computeDeadline(cal, fifteen, accepted, two).lastDay, '2026-04-08'); // 26, 27, 30, 31, 04-01, 02, 03, 07, 08 (清明 04-04…06)
  const late = [{ from: at('2026-03-24T00:00:00'), to: at('2026-04-20T09:00:00') }];
  assert.equal(iso(dueAt(cal, fifteen, accepted, late)), unpaused);
  // paused in the last minutes of the last day: nothing is left, the resume day is the new last day
  const lastMinute = [{ from: at('2026-03-23T23:59:00'), to: at('2026-03-25T10:00:00') }];
  assert.equal(computeDeadline(cal, fifteen, accepted, lastMinute).lastDay, '2026-03-25');
});

test('a calendar-day limit paused and resumed may end on a make-up Saturday', () => {
  const thirty: Policy = { unit: 'calendar', days: 30, dueSoonDays: 5 };
  assert.equal(computeDeadline(cal, thirty, at('2026-01-05T09:00:00')).lastDay, '2026-02-04');
  // used 01-06…01-10 = 5; 25 from 01-20 → 02-14, the Saturday worked before the Spring Festival
  const d = computeDeadline(cal, thirty, at('2026-01-05T09:00:00'), [{ from: at('2026-01-10T10:00:00'), to: at('2026-01-20T10:00:00') }]);
  assert.equal(d.lastDay, '2026-02-14');
});

test('pauses out of order are refused', () => {
  assert.throws(() => dueAt(cal, fifteen, accepted, [{ from: at('2026-03-01T10:00:00'), to: at('2026-03-03T10:00:00') }]), RangeError);
  assert.throws(() => dueAt(cal, fifteen, accepted, [{ from: at('2026-03-05T10:00:00'), to: at('2026-03-04T10:00:00') }]), RangeError);
  assert.throws(
    () => dueAt(cal, fifteen, accepted, [{ from: at('2026-03-05T10:00:00') }, { from: at('2026-03-06T10:00:00') }]),
    RangeError,
  );
});

test('due soon covers the last dueSoonDays working days; overdue starts at 24:00 of the last day', () => {
  const due = new Date(unpaused); // last day Monday 03-23
  assert.equal(status(cal, at('2026-03-18T23:59:59'), due, fifteen), 'normal'); // 18, 19, 20, 23 left
  assert.equal(status(cal, at('2026-03-19T00:00:00'), due, fifteen), 'dueSoon'); // 19, 20, 23
  assert.equal(status(cal, at('2026-03-21T12:00:00'), due, fifteen), 'dueSoon'); // a Saturday, only 23 left
  assert.equal(status(cal, new Date(due.getTime() - 1), due, fifteen), 'dueSoon');
  assert.equal(status(cal, due, due, fifteen), 'overdue');
  assert.equal(status(cal, at('2026-04-30T09:00:00'), due, fifteen), 'overdue');
  assert.equal(status(cal, new Date(due.getTime() - 1), due, { dueSoonDays: 0 }), 'normal');
  assert.equal(remainingWorkingDays(cal, at('2026-03-18T08:00:00'), due), 4);
  assert.equal(remainingWorkingDays(cal, due, due), 0);
});

test('due soon counts the Spring Festival as days off and the make-up Saturday as a working day', () => {
  const due = new Date('2026-02-24T16:00:00.000Z'); // 7 calendar days from 02-10
  const policy = { dueSoonDays: 2 };
  assert.equal(status(cal, at('2026-02-13T12:00:00'), due, policy), 'normal'); // 13, 14 (worked), 24
  assert.equal(status(cal, at('2026-02-14T08:00:00'), due, policy), 'dueSoon'); // 14, 24
  assert.equal(status(cal, at('2026-02-18T08:00:00'), due, policy), 'dueSoon'); // 24 only; a plain week would leave 5
});
