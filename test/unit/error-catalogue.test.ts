import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError, ERRORS, type ErrorCode } from '../../server/http/errors.js';

test('every error code has a 4xx/5xx status, a Chinese message and an English one', () => {
  for (const [code, [status, zh, en]] of Object.entries(ERRORS)) {
    assert.match(code, /^[A-Z][A-Z_]+$/);
    assert.ok(status >= 400 && status < 600, code);
    assert.match(zh, /[\u4e00-\u9fff]/, code);
    assert.doesNotMatch(en, /[\u4e00-\u9fff]/, code);
    assert.ok(en.length > 5, code);
  }
});

test('an AppError answers { code, message, messageEn }, with details only when given', () => {
  assert.deepEqual(new AppError('NOT_FOUND').toBody(), {
    code: 'NOT_FOUND',
    message: '记录不存在或您无权查看',
    messageEn: 'Not found, or not yours to see',
  });
  const withDetails = new AppError('VERSION_CONFLICT', { currentVersion: 3 });
  assert.equal(withDetails.status, 409);
  assert.deepEqual(withDetails.toBody().details, { currentVersion: 3 });
  const code: ErrorCode = 'VALIDATION_FAILED';
  assert.deepEqual(new AppError(code, undefined, { zh: '自定义', en: 'custom' }).toBody(), {
    code,
    message: '自定义',
    messageEn: 'custom',
  });
});
