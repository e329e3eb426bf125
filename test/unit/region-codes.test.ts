import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fullRegionCode, levelOfCode, normalizeRegionCode } from '../../server/modules/org/region-codes.js';

test('the padded 12-digit form of a county or town code is normalized to its short form', () => {
  assert.equal(normalizeRegionCode('411522000000'), '411522');
  assert.equal(normalizeRegionCode('411522101000'), '411522101');
});

test('short codes and village codes are kept, and spaces around a typed code are dropped', () => {
  for (const code of ['411522', '411522101', '411522101203', '411522101001']) assert.equal(normalizeRegionCode(code), code);
  assert.equal(normalizeRegionCode(' 411522101000 '), '411522101');
  assert.equal(normalizeRegionCode('\t411522\n'), '411522');
});

test('every real code of the county survives padding and normalizing, and its level follows its length', () => {
  const county = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../reference-data/county.json'), 'utf8')) as {
    code: string;
    children: { code: string; children: { code: string }[] }[];
  };
  const codes = [county.code, ...county.children.flatMap((town) => [town.code, ...town.children.map((v) => v.code)])];
  assert.equal(codes.length, 1 + 19 + 365);
  for (const code of codes) {
    assert.equal(fullRegionCode(code).length, 12);
    assert.equal(normalizeRegionCode(fullRegionCode(code)), code, code);
  }
  assert.equal(levelOfCode('411522'), 'county');
  assert.equal(levelOfCode('411522101'), 'town');
  assert.equal(levelOfCode('411522101203'), 'village');
});
