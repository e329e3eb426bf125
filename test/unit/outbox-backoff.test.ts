// The outbox's retry schedule and the webhook signature, without a database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { WebhookAdapter } from '../../server/modules/notify/adapters.js';
import { backoffSeconds, MAX_ATTEMPTS } from '../../server/modules/notify/outbox.js';

test('back-off doubles from 30 s and stops growing at one hour', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map(backoffSeconds), [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
  assert.equal(backoffSeconds(0), 30);
  assert.equal(backoffSeconds(100), 3600);
});

test(`a message is tried ${MAX_ATTEMPTS} times over roughly an hour before it is given up`, () => {
  let waited = 0;
  for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) waited += backoffSeconds(attempt);
  assert.ok(waited >= 30 * 60 && waited <= 2 * 3600, `${waited} s between the first and the last attempt`);
});

test('the webhook signature is HMAC-SHA256 of "<t>.<body>" in hex (the Stripe scheme)', () => {
  const body = '{"id":7,"event":"requestAccepted","data":{"no":"261126-84KM-9QZ7"}}';
  const expected = createHmac('sha256', 'whsec-test').update(`1764158400.${body}`).digest('hex');
  assert.equal(WebhookAdapter.sign('whsec-test', 1764158400, body), expected);
  assert.notEqual(WebhookAdapter.sign('whsec-test', 1764158401, body), expected);
  assert.notEqual(WebhookAdapter.sign('whsec-test', 1764158400, `${body} `), expected);
});
