// Resident ID numbers (GB 11643-1999): check character, birth date, masking.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { idNumberCheckChar, idNumberProblem, maskIdNumber, normalizeIdNumber } from '../../server/modules/requests/id-number.js';

test('the ISO 7064 MOD 11-2 check character, including X', () => {
  assert.equal(idNumberCheckChar('11010519491231002'), 'X'); // the standard's own example
  assert.equal(idNumberCheckChar('41152219900101123'), '2');
  assert.equal(idNumberProblem('11010519491231002X'), null);
  assert.equal(idNumberProblem(normalizeIdNumber(' 11010519491231002x ')), null, 'lower-case x is accepted');
});

test('each way a number can be wrong is named', () => {
  assert.equal(idNumberProblem('411522199001011231'), 'checkDigit');
  assert.equal(idNumberProblem('41152219900101123'), 'format', '17 digits');
  assert.equal(idNumberProblem('011522199001011232'), 'format', 'no region starts with 0');
  assert.equal(idNumberProblem('411522199002301234'), 'birthDate', '30 February');
  assert.equal(idNumberProblem('411522189901011234'), 'birthDate', 'before 1900');
  const nextYear = new Date().getUTCFullYear() + 1;
  assert.equal(idNumberProblem(`411522${nextYear}0101123X`), 'birthDate', 'born in the future');
});

test('masking keeps the first four and the last four characters', () => {
  assert.equal(maskIdNumber('411522199001011232'), '4115**********1232');
  assert.equal(maskIdNumber('11010519491231002X'), '1101**********002X');
  assert.equal(maskIdNumber('1234567'), '*******');
});
