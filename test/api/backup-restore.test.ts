// The restore drill: a county's working database (requests with their timelines and attachments, a legal aid
// case, a 12348 call, knowledge entries, the audit trail) is backed up, restored into fresh databases of both
// engines, compared table by table, and used: staff sign in, and a citizen finds the request by tracking
// number and phone, which needs the sealed phone and its blind index to have come through unchanged.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import { buildApp } from '../../server/app.js';
import { openDatabase, type Database } from '../../server/db/database.js';
import { migrations } from '../../server/db/migrations/index.js';
import { AppError } from '../../server/http/errors.js';
import { backupDatabase } from '../../server/ops/backup.js';
import { readSequences, readTables } from '../../server/ops/catalog.js';
import { keyFingerprints } from '../../server/ops/key-fingerprints.js';
import { restoreDatabase } from '../../server/ops/restore.js';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { DEMO_PASSWORD, takingTurns, TEST_ENGINE, testConfig } from '../helpers/db.js';
import { idNumber, loginAll, seedAccepted, seedDispatched, stepOk, SHILI } from '../helpers/requests.js';
import { multipartFile } from '../helpers/xlsx.js';

const ID_NUMBER = idNumber('19900101', '123');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const url = process.env.TEST_DATABASE_URL;
// every engine this run can reach: the source's own, and the other one when a server is there
const TARGETS: ('pglite' | 'postgres')[] = url ? ['pglite', 'postgres'] : ['pglite'];

let t: TestApp;
let dir: string;
let file: string;
let tracked: { trackingNo: string; phone: string };
let auditFrom = 0;
const opened: Database[] = [];

before(async () => {
  t = await startTestApp();
  dir = await mkdtemp(path.join(tmpdir(), 'legalhub-backup-'));
  file = path.join(dir, 'county.backup.gz');
  const { rows } = await sql<{ id: number }>`select coalesce(max(id), 0)::int as id from audit_log`.execute(t.db);
  auditFrom = rows[0]!.id;
  tracked = await populate(t);
  await lookUpCounted(t.db as Kysely<unknown>, '10.66.0.1');
});
after(async () => {
  for (const d of opened) await d.close();
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

/** A working county: each kind of record the platform keeps, made through the API as staff and citizens make it. */
async function populate(t: TestApp) {
  const [station, supervisor, legalAid, lawyer, admin] = await loginAll(t, [
    `station-${SHILI}`,
    'supervisor',
    'legalaid',
    'lawyer',
    'admin',
  ] as const);
  const as = async (who: Session, method: 'POST' | 'PATCH', url: string, payload: object) => {
    const res = await t.as(who, { method, url, payload });
    assert.ok(res.statusCode < 300, `${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  // requests: one concluded and rated, one waiting for materials with an attachment, one supervised
  const done = await seedAccepted(t, station);
  await stepOk(t, station, done.id, 'conclude', { result: '已调解，双方签订协议。' });
  const rated = await t.app.inject({
    method: 'POST',
    url: `/api/v1/public/requests/${done.trackingNo}/evaluation`,
    remoteAddress: '10.66.0.1',
    payload: { phone: done.phone, grade: 5, attitude: 5, efficiency: 4, competence: 5, comment: '很满意' },
  });
  assert.equal(rated.statusCode, 201, rated.body);
  const waiting = await seedAccepted(t, station, { idNumber: ID_NUMBER, address: '十里镇吴明村3组' });
  await stepOk(t, station, waiting.id, 'request-materials', { items: ['身份证复印件'] });
  const { payload, headers } = multipartFile(PDF, { filename: '材料.pdf', contentType: 'application/pdf' });
  const attached = await t.as(station, { method: 'POST', url: `/api/v1/requests/${waiting.id}/attachments`, payload, headers });
  assert.equal(attached.statusCode, 201, attached.body);
  const supervised = await seedDispatched(t);
  await as(supervisor, 'POST', `/api/v1/requests/${supervised.id}/supervision`, { instruction: '请尽快联系当事人', days: 3 });
  // legal aid
  await as(legalAid, 'POST', '/api/v1/legal-aid/cases', {
    name: '周海燕',
    phone: '13966667777',
    regionCode: '411522101203',
    description: '邻居占用宅基地，多次协商无果。',
    channel: 'walk_in',
    applicantKind: 'self',
    matterCategory: 'other',
    aidForm: 'consultation',
    opposingParty: '邻居',
    familyMembers: [],
    monthlyIncome: 900,
  });
  // a 12348 call
  await as(lawyer, 'POST', '/api/v1/hotline/calls', {
    startedAt: '2026-11-21T10:00:00+08:00',
    durationSeconds: 600,
    callerPhone: '13933334444',
    summary: '邻里宅基地纠纷，要求调解',
  });
  // knowledge: a published guide (its search postings) and a draft Q&A
  const guide = await as(admin, 'POST', '/api/v1/knowledge/admin/entries', {
    kind: 'guide',
    title: '农民工讨薪办事指南',
    body: '一、先收集工资条、考勤记录、工友证言等证据。二、向劳动保障监察投诉或申请劳动仲裁。',
    refs: [],
  });
  await as(admin, 'POST', `/api/v1/knowledge/admin/entries/${guide.id}/publish`, { version: guide.version });
  await as(admin, 'POST', '/api/v1/knowledge/admin/entries', {
    kind: 'qa',
    title: '借条怎么写',
    body: '写明借款人、金额、期限和利息。',
    refs: [],
  });
  return { trackingNo: waiting.trackingNo, phone: waiting.phone };
}

/**
 * A citizen's look-up (tracking, rating) counts the address in memory and writes the count up to half a second
 * later (public.service's BatchedWindowCounter, which outlives the app): wait for it, so that it lands before a
 * comparison of tables rather than during it.
 */
async function lookUpCounted(db: Kysely<unknown>, address: string) {
  for (let waited = 0; ; waited += 100) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from rate_limits where key = ${`track:${address}`}`.execute(db);
    if (rows[0]!.n > 0) return;
    assert.ok(waited < 5000, `the look-up count of ${address} was written`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Per table: its row count and an md5 of its rows in a fixed order and text form (the same on both engines). */
async function digests(db: Kysely<unknown>): Promise<Record<string, { rows: number; md5: string }>> {
  return db.transaction().execute(async (trx) => {
    await sql`set local time zone 'UTC'`.execute(trx);
    await sql`set local extra_float_digits = 1`.execute(trx);
    const out: Record<string, { rows: number; md5: string }> = {};
    for (const table of await readTables(trx as Kysely<unknown>)) {
      const { rows } = await sql<{ rows: number; md5: string }>`
        select count(*)::int as rows, md5(coalesce(string_agg(t::text, E'\n' order by t::text collate "C"), '')) as md5
          from ${sql.raw(`"${table.name}"`)} t`.execute(trx);
      out[table.name] = rows[0]!;
    }
    return out;
  });
}

/** On the server, migrating, restoring and dropping take turns with the other test files (takingTurns). */
function serialized<T>(engine: 'pglite' | 'postgres', work: () => Promise<T>): Promise<T> {
  return engine === 'pglite' ? work() : takingTurns(url!, work);
}

async function emptyDatabase(engine: 'pglite' | 'postgres'): Promise<Database> {
  if (engine === 'pglite') {
    const database = await openDatabase({});
    opened.push(database);
    return database;
  }
  const schema = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const database = await openDatabase({ databaseUrl: url!, schema, poolSize: 2 });
  const wrapped = {
    ...database,
    close: async () => {
      await serialized('postgres', () => sql.raw(`drop schema if exists "${schema}" cascade`).execute(database.db));
      await database.close();
    },
  };
  opened.push(wrapped);
  return wrapped;
}

async function codeOf(promise: Promise<unknown>): Promise<{ code: string; details: Record<string, unknown> }> {
  const error = await promise.then(
    () => assert.fail('expected a refusal'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof AppError, String(error));
  return { code: error.code, details: error.details as Record<string, unknown> };
}

let source: Awaited<ReturnType<typeof digests>>;

test('a backup holds every row of every table, with the schema version and the key fingerprints', async () => {
  source = await digests(t.db as Kysely<unknown>);
  const keys = await keyFingerprints(testConfig());
  const report = await backupDatabase(t.db as Kysely<unknown>, { out: file, engine: t.engine, release: 'test', keys });
  const expected = Object.values(source).reduce((n, d) => n + d.rows, 0);
  console.log(
    `# ${TEST_ENGINE}: ${report.tables.length} tables, ${report.rows} rows, ${report.bytes} bytes, ${report.seconds.toFixed(2)} s`,
  );
  assert.equal(report.rows, expected);
  assert.deepEqual(report.tables.map((x) => x.name).sort(), Object.keys(source).sort(), 'every table the catalog lists');
  assert.deepEqual(report.migrations, Object.keys(migrations));
  // every audit row written while serving those requests names its request (ops/request-id.ts)
  const unnamed = await sql<{ action: string }>`select action from audit_log where id > ${auditFrom} and request_id = ''`.execute(t.db);
  assert.deepEqual(unnamed.rows, [], 'audit rows without a request id');
  const written = await sql<{ n: number }>`select count(*)::int as n from audit_log where id > ${auditFrom}`.execute(t.db);
  assert.ok(written.rows[0]!.n >= 8, `${written.rows[0]!.n} audit rows written`);
  for (const table of [
    'service_requests',
    'request_events',
    'request_attachments',
    'aid_cases',
    'hotline_calls',
    'kb_entries',
    'kb_postings',
    'audit_log',
  ]) {
    assert.ok(source[table]!.rows > 0, `${table} has rows to carry`);
  }
  // the file: gzip, and personal data in it only sealed
  const bytes = await readFile(file);
  assert.deepEqual([...bytes.subarray(0, 2)], [0x1f, 0x8b]);
  assert.equal((await stat(file)).size, report.bytes);
  const text = gunzipSync(bytes).toString('utf8');
  assert.ok(!text.includes(tracked.phone), 'no phone in the clear');
  assert.ok(!text.includes(ID_NUMBER), 'no ID number in the clear');
  assert.ok(!text.includes(Buffer.alloc(32, 7).toString('base64')), 'no key');
});

for (const engine of TARGETS) {
  test(`restored into an empty ${engine} database (from ${TEST_ENGINE}): every table equal row by row, and the app works on it`, async () => {
    const target = await emptyDatabase(engine);
    const keys = await keyFingerprints(testConfig());
    const report = await serialized(engine, () => restoreDatabase(target.db as Kysely<unknown>, { file, replace: false, keys }));
    assert.equal(report.keys, 'match');
    assert.deepEqual(report.dropped, []);
    assert.deepEqual(report.migratedForward, []);
    assert.equal(
      report.rows,
      Object.values(source).reduce((n, d) => n + d.rows, 0),
    );
    const restored = await digests(target.db as Kysely<unknown>);
    for (const table of Object.keys(source)) assert.deepEqual(restored[table], source[table], table);
    assert.deepEqual(Object.keys(restored).sort(), Object.keys(source).sort());
    assert.deepEqual(await readSequences(target.db as Kysely<unknown>), await readSequences(t.db as Kysely<unknown>));

    const auditSequence = (await readSequences(target.db as Kysely<unknown>)).find(([name]) => name === 'audit_log_id_seq')![1];
    const app = await buildApp({ config: testConfig(), db: target.db, cipher: t.cipher, engine: target.engine, logger: false });
    try {
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin', password: DEMO_PASSWORD },
      });
      assert.equal(login.statusCode, 200, 'a password hash came through');
      const found = await app.inject({
        url: `/api/v1/public/requests/${tracked.trackingNo}?phone=${tracked.phone}`,
        remoteAddress: '10.67.0.1',
      });
      assert.equal(found.statusCode, 200, `the sealed phone and its blind index came through: ${found.body}`);
      assert.equal(found.json().trackingNo, tracked.trackingNo);
      // new rows take ids after the restored ones (sequences and identities set): the sign-in's audit row is new
      const audit = await target.db.selectFrom('audit_log').select(['id', 'action']).orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.equal(audit.action, 'auth.login');
      assert.equal(Number(audit.id), Number(auditSequence) + 1);
    } finally {
      await app.close();
    }
    await lookUpCounted(target.db as Kysely<unknown>, '10.67.0.1');

    // once it holds data, a second restore is refused and leaves it alone; --replace erases and restores
    const before = await digests(target.db as Kysely<unknown>);
    const refused = await codeOf(restoreDatabase(target.db as Kysely<unknown>, { file, replace: false, keys }));
    assert.equal(refused.code, 'RESTORE_TARGET_NOT_EMPTY');
    assert.ok((refused.details.tablesWithRows as string[]).includes('service_requests'));
    const unchanged = await digests(target.db as Kysely<unknown>);
    for (const table of Object.keys(before)) assert.deepEqual(unchanged[table], before[table], `${table} after a refused restore`);
    const replaced = await serialized(engine, () => restoreDatabase(target.db as Kysely<unknown>, { file, replace: true, keys }));
    assert.ok(replaced.dropped.includes('audit_log'));
    const again = await digests(target.db as Kysely<unknown>);
    for (const table of Object.keys(source)) assert.deepEqual(again[table], source[table], `${table} after --replace`);
  });
}

test('a damaged, cut-short, foreign or newer file is refused before anything is written; keys that differ are reported', async () => {
  const bytes = await readFile(file);
  const truncated = path.join(dir, 'truncated.gz');
  await writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
  const flipped = path.join(dir, 'flipped.gz');
  const copy = Buffer.from(bytes);
  copy[Math.floor(copy.length / 2)]! ^= 0x40;
  await writeFile(flipped, copy);
  // a file whose lines were edited and re-compressed: gzip is happy, the checksum is not
  const edited = path.join(dir, 'edited.gz');
  await writeFile(edited, gzipSync(gunzipSync(bytes).toString('utf8').replace('农民工讨薪办事指南', '农民工讨薪办事指北')));
  const foreign = path.join(dir, 'foreign.gz');
  await writeFile(foreign, gzipSync('{"hello":"world"}\n'));
  const plain = path.join(dir, 'plain.txt');
  await writeFile(plain, 'not gzip at all');

  const target = await emptyDatabase('pglite');
  const keys = await keyFingerprints(testConfig());
  for (const [name, reason] of [
    [truncated, 'truncated'],
    [flipped, null],
    [edited, 'checksum mismatch'],
    [foreign, null],
    [plain, 'damaged'],
  ] as const) {
    const refused = await codeOf(restoreDatabase(target.db as Kysely<unknown>, { file: name, replace: false, keys }));
    assert.equal(refused.code, 'BACKUP_UNREADABLE', path.basename(name));
    if (reason) assert.equal(refused.details.reason, reason, path.basename(name));
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_tables where schemaname = current_schema()`.execute(
      target.db,
    );
    assert.equal(rows[0]!.n, 0, `${path.basename(name)}: nothing created`);
  }

  // a backup from a release with migrations this one does not know
  const lines = gunzipSync(await readFile(file))
    .toString('utf8')
    .split('\n');
  const header = JSON.parse(lines[0]!);
  header.migrations.push('9999_from_the_future');
  lines[0] = JSON.stringify(header);
  // recompute the checksum so that only the version is wrong
  const body = lines.slice(0, -2).map((l) => l + '\n');
  const trailer = JSON.parse(lines.at(-2)!);
  trailer.sha256 = createHash('sha256').update(body.join('')).digest('hex');
  const newer = path.join(dir, 'newer.gz');
  await writeFile(newer, gzipSync(body.join('') + JSON.stringify(trailer) + '\n'));
  const refused = await codeOf(restoreDatabase(target.db as Kysely<unknown>, { file: newer, replace: false, keys: null }));
  assert.equal(refused.code, 'BACKUP_SCHEMA_UNKNOWN');
  assert.deepEqual(refused.details.unknownToThisRelease, ['9999_from_the_future']);

  // other keys: the restore goes through and says the data will not open with them
  const otherKeys = await keyFingerprints({ ...testConfig(), dataKeys: `t1:${Buffer.alloc(32, 1).toString('base64')}` });
  const report = await restoreDatabase(target.db as Kysely<unknown>, { file, replace: false, keys: otherKeys });
  assert.equal(report.keys, 'differ');
});
