// Upgrading a county that has been working: for every earlier release point of the schema (each migration
// but the last), a database is built at that version and filled with realistic rows through SQL valid at that
// version, then migrated to this release. No row may be lost, every value the old schema held must read the same,
// columns added since must carry their defaults and backfills, and the app must work on the result.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { buildApp } from '../../server/app.js';
import { openDatabase, type Database } from '../../server/db/database.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import { migrations } from '../../server/db/migrations/index.js';
import { hashPassword } from '../../server/modules/auth/passwords.js';
import { appliedMigrations, dropSchemaObjects, ident, migrateTo, readTables } from '../../server/ops/catalog.js';
import { resolveCipher } from '../../server/security/keys.js';
import type { PersonalDataCipher } from '../../server/security/personal-data.js';
import { takingTurns, TEST_ENGINE, testConfig } from '../helpers/db.js';
import { BACKFILLS, FIXTURES, run, type World } from './migration-upgrade.fixtures.js';

const NAMES = Object.keys(migrations);
const EARLIER = NAMES.slice(0, -1);
const PASSWORD = 'Upgrade-pass-2026';

/** On the server, migrations and schema drops take turns with the other test files (takingTurns). */
function serialized<T>(work: () => Promise<T>): Promise<T> {
  return TEST_ENGINE === 'pglite' ? work() : takingTurns(process.env.TEST_DATABASE_URL!, work);
}

let database: Database;
let cipher: PersonalDataCipher;
let passwordHash: string;
before(async () => {
  cipher = await resolveCipher(testConfig());
  passwordHash = await hashPassword(PASSWORD);
  if (TEST_ENGINE === 'pglite') {
    database = await openDatabase({});
    return;
  }
  const schema = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const opened = await openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL!, schema, poolSize: 2 });
  database = {
    ...opened,
    close: async () => {
      await serialized(() => sql.raw(`drop schema if exists "${schema}" cascade`).execute(opened.db));
      await opened.close();
    },
  };
});
after(() => database.close());

interface TableState {
  columns: string[];
  rows: number;
  md5: string;
}

/** Each table's row count and an md5 of its rows over the given columns (all by default), in a fixed text form. */
async function fingerprint(db: Kysely<unknown>, only?: Map<string, string[]>): Promise<Map<string, TableState>> {
  return db.transaction().execute(async (trx) => {
    await sql`set local time zone 'UTC'`.execute(trx);
    await sql`set local extra_float_digits = 1`.execute(trx);
    const out = new Map<string, TableState>();
    for (const table of await readTables(trx as Kysely<unknown>)) {
      const columns = only ? only.get(table.name) : table.columns.map((c) => c.name);
      if (!columns) continue;
      const row = columns.length ? `row(${columns.map(ident).join(', ')})::text` : `''`;
      const { rows } = await run(
        trx as Kysely<unknown>,
        `select count(*)::int as rows, md5(coalesce(string_agg(x, E'\\n' order by x collate "C"), '')) as md5
           from (select ${row} as x from ${ident(table.name)}) s`,
      );
      const r = rows[0] as { rows: number; md5: string };
      out.set(table.name, { columns, rows: r.rows, md5: r.md5 });
    }
    return out;
  });
}

/** Columns with a default that were added after `before`, per table that already existed. */
async function addedColumnsWithDefaults(db: Kysely<unknown>, before: Map<string, TableState>) {
  const { rows } = await run(
    db,
    `select table_name as table, column_name as name from information_schema.columns
      where table_schema = current_schema() and column_default is not null`,
  );
  return (rows as { table: string; name: string }[]).filter((c) => before.has(c.table) && !before.get(c.table)!.columns.includes(c.name));
}

test('the release points this test upgrades from are every migration but the last, and each has its fixtures', () => {
  assert.ok(EARLIER.length >= 7, `${EARLIER.length} earlier release points`);
  // a new migration that creates tables deserves rows in them here; the generic checks run on it either way
  for (const name of EARLIER) assert.ok(FIXTURES[name], `fixtures for ${name}`);
});

for (const from of EARLIER) {
  test(`a database of the release at ${from}, populated, upgrades to ${NAMES.at(-1)} without losing or changing a row`, async () => {
    const db = database.db as Kysely<unknown>;
    await serialized(async () => {
      await dropSchemaObjects(db);
      await migrateTo(db, from);
    });
    assert.equal((await appliedMigrations(db)).at(-1), from);
    const world: World = { cipher, passwordHash, ids: {}, phone: '', trackingNo: '' };
    for (const name of NAMES.slice(0, NAMES.indexOf(from) + 1)) await FIXTURES[name]?.(db, world);

    const before = await fingerprint(db);
    const filled = [...before.values()].filter((s) => s.rows > 0).length;
    assert.ok(filled >= 4, `${filled} tables filled at ${from}`);

    const applied = await serialized(() => migrateToLatest(db));
    assert.deepEqual(applied, NAMES.slice(NAMES.indexOf(from) + 1));

    // every row is there, and every value the old schema had reads the same
    const afterOld = await fingerprint(db, new Map([...before].map(([t, s]) => [t, s.columns])));
    for (const [table, state] of before) {
      const now = afterOld.get(table);
      assert.ok(now, `${table} still exists`);
      assert.equal(now.rows, state.rows, `${table}: rows kept`);
      assert.equal(now.md5, state.md5, `${table}: values of the ${from} columns unchanged`);
    }
    // columns added since, with a default, hold it (or a backfill) on the old rows
    for (const c of await addedColumnsWithDefaults(db, before)) {
      const { rows } = await run(db, `select count(*)::int as n from ${ident(c.table)} where ${ident(c.name)} is null`);
      assert.equal((rows[0] as { n: number }).n, 0, `${c.table}.${c.name} filled on old rows`);
    }
    for (const name of applied) if (world.ids.case1 || name !== '0006_legal_aid_more') await BACKFILLS[name]?.(db, world);

    // the app of this release works on the upgraded data
    const app = await buildApp({ config: testConfig(), db: database.db, cipher, engine: database.engine, logger: false });
    try {
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin', password: PASSWORD },
        remoteAddress: '10.88.0.1',
      });
      assert.equal(login.statusCode, 200, login.body);
      if (world.trackingNo) {
        const cookie = `lh_session=${login.cookies.find((c) => c.name === 'lh_session')!.value}`;
        const seen = await app.inject({ url: `/api/v1/requests/${world.ids.done}`, headers: { cookie } });
        assert.equal(seen.statusCode, 200, seen.body);
        assert.equal(seen.json().trackingNo, world.trackingNo);
        const found = await app.inject({
          url: `/api/v1/public/requests/${world.trackingNo}?phone=${world.phone}`,
          remoteAddress: '10.88.0.2',
        });
        assert.equal(found.statusCode, 200, found.body);
        assert.deepEqual(
          (found.json().timeline as { type: string }[]).map((e) => e.type),
          ['submitted', 'dispatched'],
          'the public timeline, the internal step left out',
        );
      }
    } finally {
      await app.close();
    }
    if (world.trackingNo) {
      // the look-up's count reaches the database up to half a second later: let it land before the next version's tables
      for (let waited = 0; ; waited += 100) {
        const { rows } = await run(db, `select count(*)::int as n from rate_limits where key like 'track:%'`);
        if ((rows[0] as { n: number }).n > 0) break;
        assert.ok(waited < 5000, 'the look-up count was written');
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  });
}
