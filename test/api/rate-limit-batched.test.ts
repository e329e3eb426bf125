import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase } from '../helpers/db.js';
import { BatchedWindowCounter } from '../../server/modules/auth/rate-limit.js';

/*
 * The look-up limit counted in memory and shared through rate_limits in batches: two counters on one database
 * stand for two server instances.
 */

let database: Awaited<ReturnType<typeof createTestDatabase>>;
before(async () => {
  database = await createTestDatabase();
});
after(() => database.close());

test('two instances share one address’s count within a flush; the window starts again after it ends', async () => {
  const a = new BatchedWindowCounter(database.db, 60, 10_000);
  const b = new BatchedWindowCounter(database.db, 60, 10_000);
  for (let i = 1; i <= 40; i++) assert.equal(a.hit('track:10.0.0.1'), i, 'each hit counted at once, locally');
  await a.flush();
  const row = await database.db.selectFrom('rate_limits').select('hits').where('key', '=', 'track:10.0.0.1').executeTakeFirstOrThrow();
  assert.equal(row.hits, 40, 'the shared row holds the batch');

  for (let i = 1; i <= 25; i++) b.hit('track:10.0.0.1');
  await b.flush();
  assert.equal(b.hit('track:10.0.0.1'), 66, 'b learns a’s 40 at its flush: 40 + 25 + this one');
  await b.flush();
  assert.equal(a.hit('track:10.0.0.1'), 41, 'a still counts on what it knew…');
  await a.flush();
  assert.equal(a.hit('track:10.0.0.1'), 68, '…until its next flush brings b’s 26 in');
  assert.equal(a.hit('track:10.0.0.2'), 1, 'another address has its own count');

  // a window that ended: the count starts again
  const later = Date.now() + 61_000;
  assert.equal(a.hit('track:10.0.0.9', later - 61_000), 1);
  assert.equal(a.hit('track:10.0.0.9', later), 1, 'a new window');
});

test('a flush that fails keeps the counts for the next one', async () => {
  const broken = await createTestDatabase();
  const c = new BatchedWindowCounter(broken.db, 60, 10_000);
  c.hit('k');
  c.hit('k');
  await broken.close();
  await c.flush();
  assert.equal(c.hit('k'), 3, 'nothing lost locally');
});

test('closing writes the counts not yet shared and leaves no timer behind', async () => {
  const a = new BatchedWindowCounter(database.db, 60, 60_000);
  for (let i = 0; i < 7; i++) a.hit('track:10.0.0.77');
  const before = await database.db.selectFrom('rate_limits').select('hits').where('key', '=', 'track:10.0.0.77').executeTakeFirst();
  assert.equal(before, undefined, 'nothing shared before the flush is due');
  await a.close();
  const row = await database.db.selectFrom('rate_limits').select('hits').where('key', '=', 'track:10.0.0.77').executeTakeFirstOrThrow();
  assert.equal(row.hits, 7, 'a stopping instance hands its count to the others');
});
