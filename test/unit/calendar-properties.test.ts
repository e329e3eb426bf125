// Properties of the rules over random start days and limits in 2024–2026, on the real arrangements.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readPackageCalendar } from '../../server/modules/timelimits/calendar-package.js';
import { addDays, dayFromNumber, dayNumber, startOfDay } from '../../server/modules/timelimits/days.js';
import {
  addCalendarDays,
  addWorkingDays,
  buildCalendar,
  computeDeadline,
  isWorkingDay,
  type Unit,
} from '../../server/modules/timelimits/rules.js';

const cal = buildCalendar([...readPackageCalendar().years.values()].flat());
const day = fc.integer({ min: dayNumber('2024-01-01'), max: dayNumber('2026-10-31') }).map(dayFromNumber);
const limit = fc.integer({ min: 1, max: 40 });

test('n working days end on a working day, after exactly n working days', () => {
  fc.assert(
    fc.property(day, limit, (start, n) => {
      const last = addWorkingDays(cal, start, n);
      assert.ok(isWorkingDay(cal, last));
      let counted = 0;
      for (let d = addDays(start, 1); d <= last; d = addDays(d, 1)) if (isWorkingDay(cal, d)) counted++;
      assert.equal(counted, n);
    }),
  );
});

test('n calendar days end on the first working day on or after start + n', () => {
  fc.assert(
    fc.property(day, limit, (start, n) => {
      const last = addCalendarDays(cal, start, n);
      assert.ok(isWorkingDay(cal, last));
      for (let d = addDays(start, n); d < last; d = addDays(d, 1)) assert.ok(!isWorkingDay(cal, d), d);
    }),
  );
});

test('a pause that ends the day it starts, before the period runs out, changes nothing', () => {
  fc.assert(
    fc.property(day, limit, fc.constantFrom<Unit>('working', 'calendar'), fc.integer({ min: 0, max: 60 }), (start, n, unit, offset) => {
      const policy = { unit, days: n, dueSoonDays: 0 };
      const startedAt = new Date(startOfDay(start).getTime() + 9 * 3_600_000);
      const plain = computeDeadline(cal, policy, startedAt);
      const pauseDay = addDays(start, offset);
      const from = new Date(startOfDay(pauseDay).getTime() + 10 * 3_600_000);
      fc.pre(plain.dueAt !== null && from < plain.dueAt);
      const to = new Date(from.getTime() + 3_600_000);
      assert.equal(computeDeadline(cal, policy, startedAt, [{ from, to }]).dueAt?.toISOString(), plain.dueAt?.toISOString());
    }),
  );
});
