// Working days and calendar days on the real 2025/2026 arrangements (chinese-days), per Civil Code arts. 201 and 203.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readPackageCalendar } from '../../server/modules/timelimits/calendar-package.js';
import { isoWeekday } from '../../server/modules/timelimits/days.js';
import {
  addCalendarDays,
  addWorkingDays,
  buildCalendar,
  computeDeadline,
  isWorkingDay,
  type CalendarEntry,
} from '../../server/modules/timelimits/rules.js';

const entries: CalendarEntry[] = [...readPackageCalendar().years.values()].flat();
const cal = buildCalendar(entries);

test('a make-up weekend day (调休上班) is a working day; the days off around it are not', () => {
  for (const day of ['2025-01-26', '2025-02-08', '2026-01-04', '2026-02-14', '2026-02-28']) {
    assert.ok(isoWeekday(day) >= 6, `${day} is a weekend day`);
    assert.equal(isWorkingDay(cal, day), true, day);
  }
  for (const day of ['2026-01-02', '2026-01-03', '2026-02-16', '2026-02-23', '2025-02-04', '2026-03-07']) {
    assert.equal(isWorkingDay(cal, day), false, day);
  }
  assert.equal(isWorkingDay(cal, '2026-03-04'), true); // a plain Wednesday
});

test('a 7-day calendar limit that ends inside the 2026 Spring Festival rolls to the first working day after it', () => {
  // 2026-02-10 + 7 = 02-17, inside 02-15…02-23: the period ends on Tuesday 02-24
  assert.equal(addCalendarDays(cal, '2026-02-10', 7), '2026-02-24');
  const deadline = computeDeadline(cal, { unit: 'calendar', days: 7, dueSoonDays: 2 }, new Date('2026-02-10T09:30:00+08:00'));
  assert.equal(deadline.dueAt?.toISOString(), '2026-02-24T16:00:00.000Z');
  assert.equal(deadline.provisional, false);
  // a period whose last day is the make-up Saturday 02-14 ends there: a worked Saturday is no rest day
  assert.equal(addCalendarDays(cal, '2026-02-07', 7), '2026-02-14');
  // a plain Saturday rolls to Monday
  assert.equal(addCalendarDays(cal, '2026-02-28', 7), '2026-03-09');
});

test('a 1-working-day limit from a Friday before a holiday ends after the holiday', () => {
  assert.equal(addWorkingDays(cal, '2026-04-03', 1), '2026-04-07'); // 清明 04-04…04-06
  assert.equal(addWorkingDays(cal, '2026-09-30', 1), '2026-10-08'); // 国庆 10-01…10-07
  assert.equal(addWorkingDays(cal, '2025-01-27', 1), '2025-02-05'); // 春节 01-28…02-04
  // …unless the Sunday after it is a make-up working day
  assert.equal(addWorkingDays(cal, '2025-01-24', 1), '2025-01-26');
  // counting starts the day after the start day, whatever the start day is
  assert.equal(addWorkingDays(cal, '2026-03-07', 1), '2026-03-09');
  // 0 days (当日办结): the start day itself when it is a working day, else the next one
  assert.equal(addWorkingDays(cal, '2026-03-04', 0), '2026-03-04');
  assert.equal(addWorkingDays(cal, '2026-02-15', 0), '2026-02-24');
});

test('limits counted across New Year 2026 skip 元旦 and count the make-up Sunday 01-04', () => {
  // 12-25, 26, 29, 30, 31, [01-01…01-03 off], 01-04 (Sun, worked), 05, 06, 07, 08
  assert.equal(addWorkingDays(cal, '2025-12-24', 10), '2026-01-08');
  const plainWeek = buildCalendar([
    { date: '2025-01-01', kind: 'holiday' },
    { date: '2026-06-01', kind: 'holiday' },
  ]);
  assert.equal(addWorkingDays(plainWeek, '2025-12-24', 10), '2026-01-07', 'without the arrangement the answer differs');
  // 30 calendar days from 12-03 end on 01-02 (off), 01-03 (off), so on the worked Sunday 01-04
  assert.equal(addCalendarDays(cal, '2025-12-03', 30), '2026-01-04');
  // the start day is the Shanghai day: 20:00 UTC on 01-04 is 04:00 on Monday 01-05 in Shanghai
  const deadline = computeDeadline(cal, { unit: 'working', days: 1, dueSoonDays: 0 }, new Date('2026-01-04T20:00:00Z'));
  assert.equal(deadline.lastDay, '2026-01-06');
  assert.equal(deadline.dueAt?.toISOString(), '2026-01-06T16:00:00.000Z');
});

test('a count that runs into a year without an official arrangement uses the plain week and says it is provisional', () => {
  const into2027 = computeDeadline(cal, { unit: 'working', days: 10, dueSoonDays: 0 }, new Date('2026-12-24T10:00:00+08:00'));
  assert.equal(into2027.lastDay, '2027-01-07'); // 2027-01-01 (a Friday) counted as a working day
  assert.equal(into2027.provisional, true);
  const with2027 = buildCalendar([...entries, { date: '2027-01-01', kind: 'holiday' }]);
  const known = computeDeadline(with2027, { unit: 'working', days: 10, dueSoonDays: 0 }, new Date('2026-12-24T10:00:00+08:00'));
  assert.equal(known.lastDay, '2027-01-08');
  assert.equal(known.provisional, false);
  assert.equal(
    computeDeadline(cal, { unit: 'working', days: 10, dueSoonDays: 0 }, new Date('2026-03-02T10:00:00+08:00')).provisional,
    false,
  );
});

test('mistakes in the arguments are refused, not guessed at', () => {
  assert.throws(() => addWorkingDays(cal, '2026-03-04', -1), RangeError);
  assert.throws(() => addWorkingDays(cal, '2026-03-04', 1.5), RangeError);
  assert.throws(() => addCalendarDays(cal, '2026/03/04', 1), RangeError);
  assert.throws(() => buildCalendar([{ date: '4 March', kind: 'holiday' }]), RangeError);
});
