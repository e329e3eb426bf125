import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { assertError } from '../helpers/http.js';
import { TEST_DATA_KEYS, TEST_INDEX_KEY, testConfig } from '../helpers/db.js';
import { seedTownAdmin } from '../helpers/factories.js';
import { freshAddress, freshPhone, idNumber, SHILI, submitPublic } from '../helpers/requests.js';
import { buildApp } from '../../server/app.js';
import { parseKeyRing, PersonalDataCipher } from '../../server/security/personal-data.js';
import { SEALED_COLUMNS } from '../../server/modules/privacy/sealed-columns.js';
import { keyStatus, readStaleBatch, rotateKeys, writeBatch } from '../../server/modules/privacy/keys.service.js';
import { privacyCommand } from '../../server/modules/privacy/commands.js';

/*
 * Key rotation without downtime: data sealed with the old key (t1), the ring "k2,t1" on a second instance that
 * keeps taking requests and completing calls while `rotate-keys` runs, and afterwards every value opens with k2
 * alone and the blind indexes still find the rows (the index key never rotates).
 */

const K2 = `k2:${Buffer.alloc(32, 42).toString('base64')}`;
const indexKey = Buffer.from(TEST_INDEX_KEY, 'base64');
const oldCipher = new PersonalDataCipher(parseKeyRing(TEST_DATA_KEYS), indexKey);
const rotating = new PersonalDataCipher(parseKeyRing(`${K2},${TEST_DATA_KEYS}`), indexKey);
const newOnly = new PersonalDataCipher(parseKeyRing(K2), indexKey);

let t: TestApp;
let admin: Session;
let lawyer: Session;
let renewed: FastifyInstance; // an instance restarted with the new ring
const apps: FastifyInstance[] = [];

/** Another instance on the same database (buildApp takes the database, not the config's address). */
async function instance(cipher: PersonalDataCipher) {
  const app = await buildApp({ config: testConfig(), db: t.db, cipher, engine: t.engine, logger: false });
  await app.ready();
  apps.push(app);
  return app;
}

const as = (app: FastifyInstance, s: Session, options: InjectOptions) =>
  app.inject({ ...options, headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken } });

/** Every sealed value of the database, by table, column and id. */
async function sealedValues() {
  const out: { table: string; column: string; id: string; value: string }[] = [];
  for (const c of SEALED_COLUMNS) {
    const { rows } = await sql<{ id: string; value: string }>`
      select id::text as id, ${sql.ref(c.column)} as value from ${sql.table(c.table)} where ${sql.ref(c.column)} is not null`.execute(t.db);
    for (const r of rows) out.push({ table: c.table, column: c.column, ...r });
  }
  return out;
}

const citizens: { trackingNo: string; phone: string; id: string }[] = [];
let proxyCase: { trackingNo: string; proxyPhone: string };
let callId: number;

before(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  lawyer = await t.login('lawyer');
  // the old key's data: requests with phone, ID number and address (and their SMS in the outbox), a legal aid
  // application by a proxy, a hotline call
  for (let i = 0; i < 30; i++) {
    const phone = freshPhone();
    const id = idNumber('19800101', String(100 + i));
    const res = await submitPublic(t, { phone, idNumber: id, address: `十里镇吴明村${i}组` });
    assert.equal(res.statusCode, 201, res.body);
    citizens.push({ trackingNo: res.json().trackingNo, phone, id });
  }
  const proxyPhone = freshPhone();
  const aid = await t.app.inject({
    method: 'POST',
    url: '/api/v1/public/legal-aid/applications',
    remoteAddress: freshAddress(),
    payload: {
      name: '陈秀梅',
      phone: freshPhone(),
      regionCode: '411522101203',
      description: '被拖欠工资，申请法律援助。',
      channel: 'web',
      applicantKind: 'relativeOfDetained',
      proxy: { name: '陈建国', relation: '父亲', phone: proxyPhone },
      matterCategory: 'labourRemuneration',
      aidForm: 'litigationAgency',
      noMeansTest: 'abuseVictim',
    },
  });
  assert.equal(aid.statusCode, 201, aid.body);
  proxyCase = { trackingNo: aid.json().trackingNo, proxyPhone };
  const call = await t.as(lawyer, {
    method: 'POST',
    url: '/api/v1/hotline/calls',
    payload: { startedAt: new Date().toISOString(), callerPhone: '13911112222', summary: '咨询劳动合同' },
  });
  assert.equal(call.statusCode, 201, call.body);
  callId = call.json().id;
});
after(async () => {
  for (const app of apps) await app.close();
  await t.close();
});

test('the rotation list names every *_enc column the database has', async () => {
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
     where table_schema = current_schema() and column_name like '%\\_enc' order by 1, 2`.execute(t.db);
  assert.ok(rows.length >= 6, 'the schema has sealed columns');
  assert.deepEqual(
    rows.map((r) => `${r.table_name}.${r.column_name}`),
    SEALED_COLUMNS.map((c) => `${c.table}.${c.column}`).sort(),
    'a new sealed column must be added to privacy/sealed-columns.ts, or rotation would leave it under the old key',
  );
});

test('a value changed between the read and the write of a batch keeps the new value (the UPDATE is guarded)', async () => {
  const calls = SEALED_COLUMNS.find((c) => c.table === 'hotline_calls')!;
  const batch = await readStaleBatch(t.db, rotating, calls, '0', 100);
  assert.ok(
    batch.some((v) => v.id === String(callId)),
    'the call is under the old key',
  );
  // meanwhile a running instance (already on the new ring) completes the call with the caller's corrected number
  renewed = await instance(rotating);
  const current = (await as(renewed, lawyer, { url: `/api/v1/hotline/calls/${callId}` })).json();
  const changed = await as(renewed, lawyer, {
    method: 'PATCH',
    url: `/api/v1/hotline/calls/${callId}`,
    payload: { version: current.version, callerPhone: '13911113333' },
  });
  assert.equal(changed.statusCode, 200, changed.body);
  const result = await writeBatch(t.db, rotating, calls, batch);
  assert.equal(result.skipped, 1, 'the changed row is left alone');
  assert.equal(result.rotated, batch.length - 1);
  const row = await t.db.selectFrom('hotline_calls').select('caller_phone_enc').where('id', '=', callId).executeTakeFirstOrThrow();
  assert.equal(newOnly.decrypt(row.caller_phone_enc!), '13911113333', 'the number written meanwhile, not the old one re-sealed');
});

test('rotate while a second instance keeps taking requests and completing calls: afterwards everything opens with k2 alone', async () => {
  renewed ??= await instance(rotating);
  const before = await keyStatus(t.db, rotating);
  assert.ok(before.stale > 20, `values under t1 to re-seal: ${before.stale}`);
  assert.equal(before.unopenable, 0);

  const written: { trackingNo: string; phone: string }[] = [];
  let rotationRunning = true;
  let writesDuringRotation = 0;
  const submit = async (i: number) => {
    const phone = freshPhone();
    const res = await renewed.inject({
      method: 'POST',
      url: '/api/v1/public/requests',
      remoteAddress: freshAddress(),
      payload: {
        serviceItem: 'mediation',
        channel: 'web',
        name: '新申请人',
        phone,
        idNumber: idNumber('19950505', String(200 + i)),
        regionCode: '411522101203',
        description: '轮换期间的新申请',
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    written.push({ trackingNo: res.json().trackingNo, phone });
    if (rotationRunning) writesDuringRotation++;
  };
  await submit(0); // the instance's first request loads its reference data: not part of the race
  const writes = Promise.all([
    ...[1, 2, 3, 4, 5, 6, 7, 8].map(submit),
    (async () => {
      for (let i = 0; i < 8; i++) {
        const call = (await as(renewed, lawyer, { url: `/api/v1/hotline/calls/${callId}` })).json();
        const patched = await as(renewed, lawyer, {
          method: 'PATCH',
          url: `/api/v1/hotline/calls/${callId}`,
          payload: { version: call.version, callerPhone: `1391111${String(4000 + i)}` },
        });
        assert.equal(patched.statusCode, 200, patched.body);
        if (rotationRunning) writesDuringRotation++;
      }
    })(),
  ]);
  const batches: number[] = [];
  const rotation = rotateKeys(t.db, rotating, { batchSize: 2, onBatch: (_c, r) => batches.push(r.rotated) }).finally(() => {
    rotationRunning = false;
  });
  const [report] = await Promise.all([rotation, writes]);
  assert.ok(writesDuringRotation > 0, `the instance wrote while the rotation ran (${writesDuringRotation} of 16 writes)`);
  assert.ok(batches.length > 5, `in batches (${batches.length})`);
  assert.equal(report.remaining, 0);
  assert.ok(report.columns.every((c) => c.unreadable === 0));
  assert.equal(
    report.columns.reduce((a, c) => a + c.rotated, 0),
    before.stale,
    'each old value re-sealed once (the new ones were written under k2 already)',
  );

  const after = await keyStatus(t.db, newOnly);
  assert.equal(after.stale, 0);
  assert.equal(after.unopenable, 0);
  for (const c of after.columns)
    assert.deepEqual(
      Object.keys(c.byKey).filter((k) => k !== 'k2'),
      [],
      `${c.table}.${c.column}`,
    );
  const values = await sealedValues();
  assert.ok(values.length > before.stale);
  for (const v of values) assert.doesNotThrow(() => newOnly.decrypt(v.value), `${v.table}.${v.column} ${v.id} opens with k2 alone`);
  assert.throws(() => oldCipher.decrypt(values[0]!.value), 'and no longer with t1');

  // the plain values are the ones sealed (a re-seal changes the envelope, never the content)
  for (const c of citizens.slice(0, 3)) {
    const row = await t.db
      .selectFrom('service_requests')
      .select(['requester_phone_enc', 'requester_id_enc'])
      .where('tracking_no', '=', c.trackingNo)
      .executeTakeFirstOrThrow();
    assert.equal(newOnly.decrypt(row.requester_phone_enc!), c.phone);
    assert.equal(newOnly.decrypt(row.requester_id_enc!), c.id);
  }
  const call = await t.db.selectFrom('hotline_calls').select('caller_phone_enc').where('id', '=', callId).executeTakeFirstOrThrow();
  assert.equal(newOnly.decrypt(call.caller_phone_enc!), '13911114007', 'the last number the instance wrote during the rotation');

  // an instance with k2 alone: the blind indexes still find the citizens' records
  const fresh = await instance(newOnly);
  for (const c of [...citizens.slice(0, 2), ...written.slice(0, 2)]) {
    const look = await fresh.inject({ url: `/api/v1/public/requests/${c.trackingNo}?phone=${c.phone}`, remoteAddress: freshAddress() });
    assert.equal(look.statusCode, 200, `tracking look-up by phone: ${look.body}`);
  }
  const byProxy = await fresh.inject({
    url: `/api/v1/public/legal-aid/${proxyCase.trackingNo}?phone=${proxyCase.proxyPhone}`,
    remoteAddress: freshAddress(),
  });
  assert.equal(byProxy.statusCode, 200, `the proxy's look-up (opens the applicant's sealed phone): ${byProxy.body}`);
  const detail = await as(fresh, lawyer, { url: `/api/v1/hotline/calls/${callId}` });
  assert.equal(detail.statusCode, 200);
});

test('key-status and rotate-keys print per table; a ring missing the old key reports the values it cannot open', async () => {
  const lines: string[] = [];
  const config = testConfig({ dataKeys: K2, indexKey: TEST_INDEX_KEY });
  assert.equal(await privacyCommand('key-status', t.db, config, (l) => lines.push(l)), 0);
  assert.match(lines.join('\n'), /service_requests\.requester_phone_enc\s+k2: \d+/);
  assert.match(lines.join('\n'), /values under an older key: 0/);

  // a value an instance still on t1 wrote after the rotation: k2 alone cannot open it, and says so
  await t.db
    .updateTable('outbox')
    .set({ recipient_enc: oldCipher.encrypt('13900000000') })
    .where('id', '=', (await t.db.selectFrom('outbox').select('id').executeTakeFirstOrThrow()).id)
    .execute();
  lines.length = 0;
  assert.equal(await privacyCommand('rotate-keys', t.db, config, (l) => lines.push(l)), 1, 'exit code 1: not everything re-sealed');
  const out = lines.join('\n');
  assert.match(out, /outbox\.recipient_enc\s+re-sealed 0, changed meanwhile 0, unreadable 1/);
  assert.match(out, /values no configured key opens: 1/);

  // with t1 back in the ring the last value is re-sealed, and t1 is reported as no longer needed
  lines.length = 0;
  const both = testConfig({ dataKeys: `${K2},${TEST_DATA_KEYS}`, indexKey: TEST_INDEX_KEY });
  assert.equal(await privacyCommand('rotate-keys', t.db, both, (l) => lines.push(l)), 0);
  assert.match(lines.join('\n'), /outbox\.recipient_enc\s+re-sealed 1/);
  assert.match(lines.join('\n'), /no value is sealed with t1: it can leave LEGALHUB_DATA_KEYS/);
});

test('GET /privacy/keys: the figures for a county privacy officer; 403 for a town admin and a desk; 401 signed out', async () => {
  const res = await t.as(admin, { url: '/api/v1/privacy/keys' });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  assert.equal(body.currentKeyId, 't1', 'the harness runs on the test key');
  assert.deepEqual(
    body.columns.map((c: { table: string; column: string }) => `${c.table}.${c.column}`),
    SEALED_COLUMNS.map((c) => `${c.table}.${c.column}`),
  );
  assert.ok(body.stale > 0, 'after the rotation to k2, t1 (this instance) sees the values under k2 as not its current key');
  assert.ok(body.unopenable > 0, 'and cannot open them: what an operator sees when a key was dropped too early');
  const town = await seedTownAdmin(t, admin, SHILI);
  assertError(await t.as(town, { url: '/api/v1/privacy/keys' }), 403, 'PRIVACY_COUNTY_LEVEL_ONLY');
  assertError(await t.as(await t.login('reception'), { url: '/api/v1/privacy/keys' }), 403, 'FORBIDDEN');
  assertError(await t.as(null, { url: '/api/v1/privacy/keys' }), 401, 'UNAUTHENTICATED');
});
