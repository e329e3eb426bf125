// The operator's backup and restore, as they run them: `npm run cli -- backup` on a trial's PGlite data dir,
// `restore` into a new data dir and into a PostgreSQL server (the trial moving to production), servers started on
// the restored databases, and the refusals an operator meets (a database that holds data, a file cut short).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { runCli, startServerProcess } from '../helpers/server-process.js';

const PASSWORD = 'Backup-pass-2026';
const base = { LEGALHUB_WEB_DIST: '/nonexistent', LEGALHUB_SEED_KNOWLEDGE: 'no', LEGALHUB_DEMO_PASSWORD: PASSWORD };
const dirs: string[] = [];
async function tempDir() {
  const dir = await mkdtemp(path.join(tmpdir(), 'legalhub-backup-cli-'));
  dirs.push(dir);
  return dir;
}
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function trackingWorks(url: string, trackingNo: string, phone: string) {
  const res = await fetch(`${url}/api/v1/public/requests/${trackingNo}?phone=${phone}`);
  return res.status === 200 && (await res.json()).trackingNo === trackingNo;
}
async function signIn(url: string) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  return res.status;
}

test('backup of a trial, restore into a new data dir and into a PostgreSQL server, with the refusals on the way', async () => {
  // a trial on PGlite: the county, demo staff, its own keys (keys.json) and a citizen's request
  const trial = { ...base, LEGALHUB_DATA_DIR: await tempDir() };
  const phone = '13812345678';
  const server = await startServerProcess(trial);
  let trackingNo: string;
  try {
    const res = await fetch(`${server.url}/api/v1/public/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        channel: 'web',
        serviceItem: 'mediation',
        name: '王大妈',
        phone,
        regionCode: '411522101203',
        description: '邻居在我家门口堆放柴草',
      }),
    });
    assert.equal(res.status, 201);
    trackingNo = (await res.json()).trackingNo;
  } finally {
    assert.equal(await server.stop(), 0);
  }

  const file = path.join(await tempDir(), 'trial.backup.gz');
  const backup = await runCli(['backup', '--out', file], trial);
  assert.equal(backup.code, 0, backup.out);
  const totals = /backup written: (\d+) tables, (\d+) rows/.exec(backup.out);
  assert.ok(totals, backup.out);
  assert.ok(Number(totals[2]) > 1000, 'the county, staff, calendar and the request');
  assert.match(backup.out, /^\s+service_requests\s+1 rows$/m);
  assert.match(backup.out, /the keys are not/);

  // into a new data dir: restored, but without the trial's keys it says what to do
  const copy = { ...base, LEGALHUB_DATA_DIR: await tempDir() };
  const restored = await runCli(['restore', '--in', file], copy);
  assert.equal(restored.code, 0, restored.out);
  assert.match(restored.out, new RegExp(`restored: ${totals[1]} tables, ${totals[2]} rows`));
  assert.match(restored.out, /copy keys\.json from the old data directory/);
  // a second restore into it is refused: it holds data now
  const again = await runCli(['restore', '--in', file], copy);
  assert.equal(again.code, 1);
  assert.match(again.out, /RESTORE_TARGET_NOT_EMPTY/);
  // a file cut short is refused, whatever the target
  const cut = path.join(path.dirname(file), 'cut.gz');
  const bytes = await readFile(file);
  await writeFile(cut, bytes.subarray(0, bytes.length - 200));
  const truncated = await runCli(['restore', '--in', cut], { ...base, LEGALHUB_DATA_DIR: await tempDir() });
  assert.equal(truncated.code, 1);
  assert.match(truncated.out, /BACKUP_UNREADABLE.*"reason":"truncated"/);

  // with the trial's keys beside it, the restored copy serves the citizen and the staff
  await copyFile(path.join(trial.LEGALHUB_DATA_DIR, 'keys.json'), path.join(copy.LEGALHUB_DATA_DIR, 'keys.json'));
  const second = await startServerProcess(copy);
  try {
    assert.ok(await trackingWorks(second.url, trackingNo, phone), 'the sealed phone and its blind index came through');
    assert.equal(await signIn(second.url), 200);
  } finally {
    await second.stop();
  }

  // the trial moves to a PostgreSQL server: the keys go into the environment, the rows into a new schema
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const keys = JSON.parse(await readFile(path.join(trial.LEGALHUB_DATA_DIR, 'keys.json'), 'utf8')) as {
    dataKeys: string;
    indexKey: string;
  };
  const schema = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const production = {
    ...base,
    DATABASE_URL: url,
    LEGALHUB_DB_SCHEMA: schema,
    LEGALHUB_DATA_KEYS: keys.dataKeys,
    LEGALHUB_INDEX_KEY: keys.indexKey,
  };
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const moved = await runCli(['restore', '--in', file], production);
    assert.equal(moved.code, 0, moved.out);
    assert.match(moved.out, new RegExp(`restored: ${totals[1]} tables, ${totals[2]} rows`));
    assert.match(moved.out, /keys: the keys configured here open the personal data/);
    const { rows } = await client.query(`select count(*)::int as n from "${schema}".service_requests`);
    assert.equal(rows[0].n, 1);
    const onServer = await startServerProcess(production);
    try {
      assert.ok(await trackingWorks(onServer.url, trackingNo, phone));
      assert.equal(await signIn(onServer.url), 200, 'the demo staff came along from the trial');
    } finally {
      await onServer.stop();
    }
  } finally {
    await client.query(`drop schema if exists "${schema}" cascade`);
    await client.end();
  }
});
