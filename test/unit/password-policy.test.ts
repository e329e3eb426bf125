import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../server/http/errors.js';
import { assertPasswordPolicy } from '../../server/modules/auth/passwords.js';
import { temporaryPassword } from '../../server/modules/org/staff.service.js';

const refused = (password: string) =>
  assert.throws(
    () => assertPasswordPolicy(password),
    (e: unknown) => e instanceof AppError && e.code === 'PASSWORD_TOO_WEAK' && e.status === 422,
    JSON.stringify(password),
  );

test('a password needs at least 8 characters with both letters and digits', () => {
  for (const ok of ['abcdefg1', 'Demo-pass-2026', '1234567a', `a1${'x'.repeat(126)}`])
    assert.doesNotThrow(() => assertPasswordPolicy(ok), ok);
  for (const weak of ['', 'abc1234', 'abcdefgh', '12345678', '密码密码密码密码12', '        ', `a1${'x'.repeat(127)}`]) refused(weak);
});

test('temporary passwords meet the policy and avoid look-alike characters', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 300; i++) {
    const password = temporaryPassword();
    assert.doesNotThrow(() => assertPasswordPolicy(password), password);
    assert.equal(password.length, 10);
    assert.doesNotMatch(password, /[01oOlIiA-Z]/, password);
    seen.add(password);
  }
  assert.equal(seen.size, 300, 'no two alike');
});
