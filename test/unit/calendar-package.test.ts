// What the chinese-days package gives the calendar: the published years from 2024 on, in our row shape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readPackageCalendar } from '../../server/modules/timelimits/calendar-package.js';
import { isWeekend } from '../../server/modules/timelimits/days.js';

const pkg = readPackageCalendar();

test('the package holds 2024, 2025 and 2026 and not 2027 (published each autumn)', () => {
  assert.match(pkg.source, /^chinese-days@\d+\.\d+\.\d+$/);
  assert.deepEqual(
    [...pkg.years.keys()],
    [2024, 2025, 2026],
    'a newer package may ship 2027: update this test and test/api/calendar.test.ts',
  );
  assert.deepEqual(pkg.rejected, []);
});

test('2026 as the State Council arranged it: 33 days off, 6 make-up working days, all at weekends', () => {
  const days = pkg.years.get(2026) ?? [];
  const workdays = days.filter((d) => d.kind === 'workday');
  assert.equal(days.filter((d) => d.kind === 'holiday').length, 33);
  assert.deepEqual(
    workdays.map((d) => d.date),
    ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  );
  assert.ok(workdays.every((d) => isWeekend(d.date)));
  const byDate = new Map(days.map((d) => [d.date, d]));
  assert.equal(byDate.get('2026-02-17')?.name, '春节');
  assert.equal(byDate.get('2026-02-20')?.name, '春节（调休）');
  assert.equal(byDate.get('2026-02-14')?.name, '春节（调休上班）');
});
