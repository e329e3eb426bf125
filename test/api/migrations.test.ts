// Migrations and the county seed are safe to run again: what `npm run cli -- migrate` and every server
// start do against a database that may already be up to date.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { TEST_ENGINE, testConfig } from '../helpers/db.js';
import { siteIdOf, siteRow } from '../helpers/factories.js';
import { openDatabase, type Database } from '../../server/db/database.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import { migrations } from '../../server/db/migrations/index.js';
import { dropSchemaObjects } from '../../server/ops/catalog.js';
import { loadReferenceData } from '../../server/bootstrap.js';
import { importCounty, readCountyFile } from '../../server/modules/org/county-import.js';

const ALL = Object.keys(migrations);

let t: TestApp;
let admin: Session;
before(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
});
after(() => t.close());

async function counts(db: Kysely<unknown>) {
  const result = await sql<{ regions: number; sites: number; staff: number; audit: number }>`
    select (select count(*) from regions)::int as regions, (select count(*) from sites)::int as sites,
           (select count(*) from staff)::int as staff, (select count(*) from audit_log)::int as audit`.execute(db);
  return result.rows[0];
}

/** An empty database of the engine under test: a new PGlite, or a new schema on the server (dropped on close). */
async function openEmptyDatabase(): Promise<Database & { schema?: string; url?: string }> {
  if (TEST_ENGINE === 'pglite') return openDatabase({});
  const url = process.env.TEST_DATABASE_URL!;
  const schema = `m_${process.pid}_${randomBytes(4).toString('hex')}`;
  const database = await openDatabase({ databaseUrl: url, schema, poolSize: 2 });
  return {
    ...database,
    schema,
    url,
    close: async () => {
      await sql.raw(`drop schema if exists "${schema}" cascade`).execute(database.db);
      await database.close();
    },
  };
}

test('migrating an already migrated database applies nothing and changes no data', async () => {
  const db = t.db as unknown as Kysely<unknown>;
  const before = await counts(db);
  assert.deepEqual(await migrateToLatest(db), []);
  assert.deepEqual(await migrateToLatest(db), []);
  assert.deepEqual(await counts(db), before);
  const recorded = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  assert.deepEqual(
    recorded.rows.map((r) => r.name),
    ALL,
  );
  // and the app goes on working
  assert.equal((await t.as(admin, { url: '/api/v1/me' })).statusCode, 200);
});

test('migrating while other schemas of the database are made and dropped (other apps, other test files) succeeds', async () => {
  const database = await openEmptyDatabase();
  // on the server a connection of its own, as another application would have; on PGlite the same one
  const other = database.url ? new pg.Client({ connectionString: database.url }) : undefined;
  await other?.connect();
  const run = (text: string) => (other ? other.query(text) : sql.raw(text).execute(database.db));
  let stop = false;
  let churned = 0;
  const churn = (async () => {
    while (!stop) {
      const name = `churn_${process.pid}_${churned++}`;
      await run(`create schema "${name}"; create table "${name}".t (id serial primary key, n int)`);
      await run(`drop schema "${name}" cascade`);
    }
  })();
  try {
    const db = database.db as unknown as Kysely<unknown>;
    // several times over, so that the migrator's look at the catalog meets schemas being dropped
    for (let i = 0; i < 4; i++) {
      await dropSchemaObjects(db);
      assert.deepEqual(await migrateToLatest(db), ALL);
    }
    assert.ok(churned > 4, `${churned} schemas made and dropped meanwhile`);
  } finally {
    stop = true;
    await churn;
    await other?.end();
    await database.close();
  }
});

test('an empty database gets every migration once; a second run applies nothing', async () => {
  const database = await openEmptyDatabase();
  try {
    const db = database.db as unknown as Kysely<unknown>;
    assert.deepEqual(await migrateToLatest(db), ALL);
    assert.deepEqual(await migrateToLatest(db), []);
    const tables = await sql<{ n: number }>`
      select count(*)::int as n from information_schema.tables
      where table_schema = current_schema() and table_name in ('regions', 'sites', 'staff', 'sessions', 'rate_limits', 'audit_log')`.execute(
      db,
    );
    assert.equal(tables.rows[0]?.n, 6);
  } finally {
    await database.close();
  }
});

test(
  'two servers starting together on one empty database apply each migration once',
  { skip: TEST_ENGINE === 'pglite' && 'PGlite has one connection: nothing runs together' },
  async () => {
    const first = await openEmptyDatabase();
    const second = await openDatabase({ databaseUrl: first.url, schema: first.schema, poolSize: 2 });
    try {
      const results = await Promise.all([migrateToLatest(first.db as Kysely<unknown>), migrateToLatest(second.db as Kysely<unknown>)]);
      assert.deepEqual(results.flat().sort(), ALL);
    } finally {
      await second.close();
      await first.close();
    }
  },
);

test(
  'a database schema is migrated even when another schema of the same database already is (LEGALHUB_DB_SCHEMA)',
  { skip: TEST_ENGINE === 'pglite' && 'schemas are a PostgreSQL server setting' },
  async () => {
    // t.db's own schema is already migrated; a second county (or a test file running in parallel) gets another
    const other = await openEmptyDatabase();
    try {
      assert.deepEqual(await migrateToLatest(other.db as Kysely<unknown>), ALL);
    } finally {
      await other.close();
    }
  },
);

test('loading the reference data again loads nothing more, and keeps what administrators edited', async () => {
  const siteId = await siteIdOf(t, 'room', '411522101203');
  const edit = await t.as(admin, {
    method: 'PATCH',
    url: `/api/v1/sites/${siteId}`,
    payload: { version: (await siteRow(t, siteId)).version, name: '吴明村法律服务室（新址）', address: '吴明村党群服务中心' },
  });
  assert.equal(edit.statusCode, 200, edit.body);
  const db = t.db as unknown as Kysely<unknown>;
  const before = await counts(db);

  // what every server start does after migrating
  const report = await loadReferenceData(t.db, testConfig(), t.engine);
  assert.deepEqual(report, { county: false, staff: 0 });
  await importCounty(t.db, await readCountyFile(testConfig().countyFile));

  assert.deepEqual(await counts(db), before);
  const site = await siteRow(t, siteId);
  assert.equal(site.name, '吴明村法律服务室（新址）');
  assert.equal(site.address, '吴明村党群服务中心');
});
