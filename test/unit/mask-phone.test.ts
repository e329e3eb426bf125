import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { maskPhone } from '../../server/modules/org/mask.js';

test('a mobile number shows its first 3 and last 4 digits', () => {
  assert.equal(maskPhone('13812345678'), '138****5678');
  assert.equal(maskPhone('0376-8881234'), '037****1234');
});

test('an empty phone stays empty; a short one keeps only its last two characters', () => {
  assert.equal(maskPhone(''), '');
  assert.equal(maskPhone('12345'), '***45');
  assert.equal(maskPhone('12'), '12');
});

test('any valid mobile number keeps its middle four digits hidden', () => {
  const mobile = fc
    .tuple(fc.constantFrom('3', '4', '5', '6', '7', '8', '9'), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }))
    .map(([second, rest]) => `1${second}${rest.join('')}`);
  fc.assert(
    fc.property(mobile, (phone) => {
      const masked = maskPhone(phone);
      assert.equal(masked, `${phone.slice(0, 3)}****${phone.slice(7)}`);
      assert.equal(masked.length, 11);
    }),
  );
});
