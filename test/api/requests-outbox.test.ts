import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { TEST_ENGINE } from '../helpers/db.js';
import { ALIYUN_LIMIT, ALIYUN_OK, SERVER_ERROR, startReceiver, type Receiver } from '../helpers/receivers.js';
import { expectError, freshPhone, seedAccepted, seedDispatched, siteIdOf, step, stepOk, SHILI, loginAll } from '../helpers/requests.js';
import { openDatabase } from '../../server/db/database.js';
import type { DB } from '../../server/db/schema.js';
import { AliyunSmsAdapter, WebhookAdapter } from '../../server/modules/notify/adapters.js';
import { deliverDue, enqueue, MAX_ATTEMPTS } from '../../server/modules/notify/outbox.js';
import { tellCitizen } from '../../server/modules/requests/intake.service.js';
import { formatTrackingNo } from '../../server/modules/requests/tracking-no.js';

const TEMPLATES = {
  requestAccepted: 'SMS_100001',
  requestTransferred: 'SMS_100002',
  materialsRequested: 'SMS_100003',
  requestResumed: 'SMS_100004',
  requestConcluded: 'SMS_100005',
  test: 'SMS_199999',
};
const SIGN = '某县司法局';

let t: TestApp;
let station: Session;
let mediator: Session;
let receiver: Receiver;
let sms: AliyunSmsAdapter;
before(async () => {
  t = await startTestApp();
  [station, mediator] = await loginAll(t, [`station-${SHILI}`, 'mediator'] as const);
  receiver = await startReceiver(() => ALIYUN_OK);
  sms = new AliyunSmsAdapter({
    accessKeyId: 'LTAI-test',
    accessKeySecret: 'test-secret',
    signName: SIGN,
    templates: TEMPLATES,
    endpoint: receiver.endpoint,
    protocol: 'http',
  });
});
after(async () => {
  await receiver.close();
  await t.close();
});

function outboxOf(requestId: string) {
  return t.db.selectFrom('outbox').selectAll().where('request_id', '=', requestId).orderBy('id').execute();
}
function outboxRow(id: number) {
  return t.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}
/** Leaves every other test's pending messages out of the next round, so a round sends exactly what a test expects. */
async function onlyDue(ids: number[]) {
  await t.db
    .updateTable('outbox')
    .set({ next_attempt_at: sql`now() + interval '1 day'` })
    .where('status', '=', 'pending')
    .where('id', 'not in', ids)
    .execute();
  await t.db
    .updateTable('outbox')
    .set({ next_attempt_at: sql`now() - interval '1 second'` })
    .where('id', 'in', ids)
    .execute();
}
/** Messages made without a request, each with a marker the receiver can count. */
async function enqueueMarked(n: number, prefix: string) {
  const markers = Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
  await enqueue(
    t.db,
    t.cipher,
    markers.map((m) => ({ requestId: null, channel: 'sms' as const, recipient: freshPhone(), template: 'test', payload: { marker: m } })),
  );
  const rows = await t.db
    .selectFrom('outbox')
    .select('id')
    .where(sql<boolean>`payload->>'marker' like ${`${prefix}-%`}`)
    .execute();
  return rows.map((r) => r.id);
}
const hitsFor = (phone: string) => receiver.hits.filter((h) => h.query.get('PhoneNumbers') === phone);
const secondsFromNow = (d: Date) => (d.getTime() - Date.now()) / 1000;

test('each change the citizen hears about writes an SMS to the requester, the phone sealed in the row', async () => {
  const r = await seedDispatched(t, { description: '邻里排水沟纠纷，协商不成' });
  assert.deepEqual(
    (await outboxOf(r.id)).map((m) => m.template),
    ['requestReceived'],
    'the submission tells the citizen the tracking number; routing it on tells nothing new',
  );
  await stepOk(t, station, r.id, 'accept');
  await stepOk(t, station, r.id, 'request-materials', { items: ['村委会出具的情况说明', '现场照片'] });
  expectError(await step(t, station, r.id, 'conclude', { result: '暂停中不能办结' }), 409, 'INVALID_TRANSITION');
  await stepOk(t, station, r.id, 'resume');
  await stepOk(t, station, r.id, 'transfer', { siteId: await siteIdOf(t, 'center', '411522'), post: 'mediator', reason: '转县调委会' });
  await stepOk(t, mediator, r.id, 'accept');
  await stepOk(t, mediator, r.id, 'conclude', { result: '经调解达成协议' });

  const rows = await outboxOf(r.id);
  assert.deepEqual(
    rows.map((m) => m.template),
    [
      'requestReceived',
      'requestAccepted',
      'materialsRequested',
      'requestResumed',
      'requestTransferred',
      'requestAccepted',
      'requestConcluded',
    ],
    'the refused step wrote nothing',
  );
  for (const m of rows) {
    assert.equal(m.channel, 'sms');
    assert.equal(m.status, 'pending');
    assert.ok(m.recipient_enc && !m.recipient_enc.includes(r.phone), 'the phone is not stored in clear text');
    assert.equal(t.cipher.decrypt(m.recipient_enc), r.phone);
    assert.equal((m.payload as { no: string }).no, formatTrackingNo(r.trackingNo));
  }
  assert.equal((rows[2]!.payload as { items: string }).items, '村委会出具的情况说明、现场照片');
  const center = await t.db.selectFrom('sites').select('name').where('kind', '=', 'center').executeTakeFirstOrThrow();
  assert.equal((rows[4]!.payload as { site: string }).site, center.name, 'a transfer names where it went');
  const raw = await sql<{ row: string }>`select row_to_json(o)::text as row from outbox o where request_id = ${r.id}`.execute(t.db);
  for (const { row } of raw.rows) assert.ok(!row.includes(r.phone), 'nowhere in the row');
});

test('delivery through Aliyun SMS: the receiver gets the phone, sign, template and parameters; the row is sent with the provider id', async () => {
  const r = await seedAccepted(t, station);
  const message = (await outboxOf(r.id)).find((m) => m.template === 'requestAccepted');
  await onlyDue([message!.id]);
  receiver.answer = () => ALIYUN_OK;

  const report = await deliverDue(t.db, t.cipher, { sms });
  assert.deepEqual(report, { claimed: 1, sent: 1, retried: 0, failed: 0 });
  const [hit, ...more] = hitsFor(r.phone);
  assert.equal(more.length, 0);
  assert.equal(hit!.query.get('SignName'), SIGN);
  assert.equal(hit!.query.get('TemplateCode'), TEMPLATES.requestAccepted);
  assert.deepEqual(JSON.parse(hit!.query.get('TemplateParam')!), message!.payload);
  assert.equal(hit!.headers['x-acs-action'], 'SendSms');

  const sent = await outboxRow(message!.id);
  assert.equal(sent.status, 'sent');
  assert.equal(sent.provider_id, 'b1');
  assert.ok(sent.sent_at);
  assert.equal(sent.attempts, 1);
  assert.equal(sent.last_error, null);

  await deliverDue(t.db, t.cipher, { sms });
  assert.equal(hitsFor(r.phone).length, 1, 'a sent message is not sent again');
});

test('a 500 or an Aliyun refusal leaves the message pending with the error, one more attempt and the next one backed off', async () => {
  const r = await seedAccepted(t, station);
  const message = (await outboxOf(r.id)).find((m) => m.template === 'requestAccepted');
  await onlyDue([message!.id]);

  receiver.answer = () => SERVER_ERROR;
  assert.deepEqual(await deliverDue(t.db, t.cipher, { sms }), { claimed: 1, sent: 0, retried: 1, failed: 0 });
  let row = await outboxRow(message!.id);
  assert.equal(row.status, 'pending');
  assert.equal(row.attempts, 1);
  assert.match(row.last_error ?? '', /500|InternalError/);
  const firstWait = secondsFromNow(row.next_attempt_at);
  assert.ok(firstWait > 20 && firstWait <= 31, `next try in ~30 s, got ${firstWait}`);
  assert.equal((await deliverDue(t.db, t.cipher, { sms })).claimed, 0, 'not taken again before its time');

  await onlyDue([message!.id]);
  receiver.answer = () => ALIYUN_LIMIT;
  await deliverDue(t.db, t.cipher, { sms });
  row = await outboxRow(message!.id);
  assert.equal(row.status, 'pending');
  assert.equal(row.attempts, 2);
  assert.match(row.last_error ?? '', /isv\.BUSINESS_LIMIT_CONTROL/);
  const secondWait = secondsFromNow(row.next_attempt_at);
  assert.ok(secondWait > 50 && secondWait <= 61, `the wait doubles, got ${secondWait}`);

  await onlyDue([message!.id]);
  receiver.answer = () => ALIYUN_OK;
  await deliverDue(t.db, t.cipher, { sms });
  row = await outboxRow(message!.id);
  assert.equal(row.status, 'sent');
  assert.equal(row.attempts, 3);
  assert.equal(hitsFor(r.phone).length, 3);
});

test(`after ${MAX_ATTEMPTS} failed attempts a message is failed and never sent again`, async () => {
  const r = await seedAccepted(t, station);
  const message = (await outboxOf(r.id)).find((m) => m.template === 'requestAccepted');
  await t.db
    .updateTable('outbox')
    .set({ attempts: MAX_ATTEMPTS - 2 })
    .where('id', '=', message!.id)
    .execute();
  receiver.answer = () => SERVER_ERROR;

  await onlyDue([message!.id]);
  await deliverDue(t.db, t.cipher, { sms });
  assert.equal((await outboxRow(message!.id)).status, 'pending', `attempt ${MAX_ATTEMPTS - 1} still retries`);
  await onlyDue([message!.id]);
  assert.deepEqual(await deliverDue(t.db, t.cipher, { sms }), { claimed: 1, sent: 0, retried: 0, failed: 1 });
  const row = await outboxRow(message!.id);
  assert.equal(row.status, 'failed');
  assert.equal(row.attempts, MAX_ATTEMPTS);
  assert.match(row.last_error ?? '', /500|InternalError/);

  receiver.answer = () => ALIYUN_OK;
  await t.db
    .updateTable('outbox')
    .set({ next_attempt_at: sql`now() - interval '1 hour'` })
    .where('id', '=', message!.id)
    .execute();
  await deliverDue(t.db, t.cipher, { sms });
  assert.equal(hitsFor(r.phone).length, 2, 'two attempts reached the provider, none after it failed');
  assert.equal((await outboxRow(message!.id)).status, 'failed');
});

async function drainConcurrently(dbs: Kysely<DB>[], ids: number[]) {
  for (let round = 0; round < 10; round++) {
    const reports = await Promise.all(dbs.map((db) => deliverDue(db, t.cipher, { sms }, 7)));
    if (reports.every((r) => r.claimed === 0)) break;
  }
  const rows = await t.db.selectFrom('outbox').select(['status', 'attempts']).where('id', 'in', ids).execute();
  assert.ok(
    rows.every((r) => r.status === 'sent' && r.attempts === 1),
    JSON.stringify(rows.filter((r) => r.status !== 'sent' || r.attempts !== 1)),
  );
}
function assertEachMarkerOnce(prefix: string, n: number) {
  const counts = new Map<string, number>();
  for (const h of receiver.hits) {
    const marker = (JSON.parse(h.query.get('TemplateParam') ?? '{}') as { marker?: string }).marker;
    if (marker?.startsWith(`${prefix}-`)) counts.set(marker, (counts.get(marker) ?? 0) + 1);
  }
  assert.equal(counts.size, n, 'every message was sent');
  const twice = [...counts].filter(([, c]) => c > 1);
  assert.deepEqual(twice, [], 'no message was sent twice');
}

test('two senders at once never send the same message twice', async () => {
  const ids = await enqueueMarked(24, 'same-db');
  await onlyDue(ids);
  receiver.answer = () => ({ ...ALIYUN_OK, delayMs: 15 });
  await drainConcurrently([t.db, t.db], ids);
  assertEachMarkerOnce('same-db', 24);
});

const onPglite = TEST_ENGINE === 'pglite' && 'PGlite has a single connection';
test('two senders on two database connections (PostgreSQL server) never send the same message twice', { skip: onPglite }, async () => {
  const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(t.db)).rows[0]!.s;
  const second = await openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL, schema, poolSize: 2 });
  try {
    const ids = await enqueueMarked(30, 'two-dbs');
    await onlyDue(ids);
    receiver.answer = () => ({ ...ALIYUN_OK, delayMs: 10 });
    await drainConcurrently([t.db, second.db, t.db, second.db], ids);
    assertEachMarkerOnce('two-dbs', 30);
  } finally {
    await second.close();
  }
});

test('the webhook is signed t=<ts>,v1=<hmac> so the receiver can verify it, and carries no phone', async () => {
  const secret = 'whsec-0123456789abcdef';
  const hook = await startReceiver(() => ({ status: 200, body: '{}' }));
  try {
    const r = await seedAccepted(t, station);
    // the same call the workflow makes when a webhook (e.g. the 12345 exchange) is configured
    await tellCitizen(
      { db: t.db, cipher: t.cipher, webhook: true },
      t.db,
      {
        id: r.id,
        trackingNo: r.trackingNo,
        phone: r.phone,
        itemName: '人民调解',
        status: 'accepted',
      },
      'requestAccepted',
    );
    const message = (await outboxOf(r.id)).find((m) => m.channel === 'webhook');
    assert.ok(message, 'a webhook message is queued');
    assert.equal(message.recipient_enc, null);
    await onlyDue([message.id]);

    const report = await deliverDue(t.db, t.cipher, { webhook: new WebhookAdapter(hook.url, secret) });
    assert.equal(report.sent, 1);
    const [hit] = hook.hits;
    assert.ok(hit);
    const signature = String(hit.headers['x-legalhub-signature']);
    const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature);
    assert.ok(match, signature);
    const ts = Number(match[1]);
    assert.ok(Math.abs(ts - Date.now() / 1000) < 60, 'a fresh timestamp');
    assert.equal(match[2], WebhookAdapter.sign(secret, ts, hit.body), 'verifiable with the shared secret');
    assert.notEqual(match[2], WebhookAdapter.sign('another-secret-000', ts, hit.body));
    assert.notEqual(match[2], WebhookAdapter.sign(secret, ts + 1, hit.body), 'the timestamp is signed too');
    assert.equal(hit.headers['x-legalhub-delivery'], String(message.id));
    const body = JSON.parse(hit.body) as { id: number; event: string; data: Record<string, unknown> };
    assert.equal(body.event, 'requestAccepted');
    assert.equal(body.data.trackingNo, r.trackingNo);
    assert.equal(body.data.status, 'accepted');
    assert.ok(!hit.body.includes(r.phone), 'the webhook carries no phone');
    const row = await outboxRow(message.id);
    assert.equal(row.status, 'sent');
    assert.equal(row.provider_id, 'rcv-1');
  } finally {
    await hook.close();
  }
});
