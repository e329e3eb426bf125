// Days in Asia/Shanghai: strict parsing, weekdays, and the fixed UTC+8 shift between instants and days.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, dayOf, endOfDay, isoWeekday, parseDay, startOfDay } from '../../server/modules/timelimits/days.js';

test('parseDay accepts real dates of 2000–2100 only', () => {
  for (const ok of ['2024-02-29', '2026-01-04', '2000-01-01', '2100-12-31']) assert.equal(parseDay(ok), ok);
  for (const bad of [
    '2025-02-29',
    '2026-02-30',
    '2026-13-01',
    '2026-00-10',
    '2026-1-4',
    '1999-12-31',
    '2101-01-01',
    '2026-01-04T00:00',
    ' 2026-01-04',
    'abc',
    '',
  ]) {
    assert.equal(parseDay(bad), null, bad);
  }
});

test('weekdays and day arithmetic cross months, years and leap days', () => {
  assert.equal(isoWeekday('2026-01-04'), 7); // a Sunday
  assert.equal(isoWeekday('2026-02-14'), 6); // a Saturday
  assert.equal(isoWeekday('2025-12-24'), 3); // a Wednesday
  assert.equal(addDays('2025-12-31', 1), '2026-01-01');
  assert.equal(addDays('2024-02-28', 1), '2024-02-29');
  assert.equal(addDays('2026-03-01', -1), '2026-02-28');
});

test('an instant belongs to its Shanghai day, which starts at 16:00 UTC the day before', () => {
  assert.equal(dayOf(new Date('2025-12-31T15:59:59.999Z')), '2025-12-31');
  assert.equal(dayOf(new Date('2025-12-31T16:00:00.000Z')), '2026-01-01');
  assert.equal(startOfDay('2026-01-01').toISOString(), '2025-12-31T16:00:00.000Z');
  assert.equal(endOfDay('2026-03-23').toISOString(), '2026-03-23T16:00:00.000Z');
});
