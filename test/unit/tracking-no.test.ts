// Tracking numbers (受理编号): Beijing date + 8 random Crockford base32 characters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatTrackingNo, newTrackingNo, normalizeTrackingNo, TRACKING_NO_PATTERN } from '../../server/modules/requests/tracking-no.js';

test('the date part is the Beijing date: 16:30 UTC is already the next day in China', () => {
  assert.equal(newTrackingNo(new Date('2026-11-26T15:59:59Z')).slice(0, 6), '261126');
  assert.equal(newTrackingNo(new Date('2026-11-26T16:00:00Z')).slice(0, 6), '261127');
  assert.equal(newTrackingNo(new Date('2026-12-31T16:30:00Z')).slice(0, 6), '270101');
});

test('numbers match the published pattern and never use I, L, O or U', () => {
  const pattern = new RegExp(TRACKING_NO_PATTERN);
  for (let i = 0; i < 2000; i++) {
    const no = newTrackingNo();
    assert.match(no, pattern);
    assert.doesNotMatch(no.slice(6), /[ILOU]/);
  }
});

test('what people type is forgiven: spaces, dashes, lower case, O for 0 and I or L for 1', () => {
  assert.equal(normalizeTrackingNo('261126-84km-9qz7'), '26112684KM9QZ7');
  assert.equal(normalizeTrackingNo(' 261126 84KM 9QZ7 '), '26112684KM9QZ7');
  assert.equal(normalizeTrackingNo('26112684KMO1Z7'), '26112684KM01Z7');
  assert.equal(normalizeTrackingNo('26112684KMIlZ7'), '26112684KM11Z7');
});

test('the printed form groups 6-4-4 and reads back to the same number', () => {
  assert.equal(formatTrackingNo('26112684KM9QZ7'), '261126-84KM-9QZ7');
  const no = newTrackingNo();
  assert.equal(normalizeTrackingNo(formatTrackingNo(no)), no);
});
