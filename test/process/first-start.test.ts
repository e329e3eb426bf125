import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { runCli, startServerProcess } from '../helpers/server-process.js';
import { TEST_DATA_KEYS, TEST_INDEX_KEY } from '../helpers/db.js';

const dirs: string[] = [];
async function tempDir() {
  const dir = await mkdtemp(path.join(tmpdir(), 'legalhub-test-'));
  dirs.push(dir);
  return dir;
}
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function login(url: string, username: string, password: string) {
  return fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
}

test('first start on an empty data dir loads the county, the law library and the demo accounts with the given password', async () => {
  const dataDir = await tempDir();
  const env = { LEGALHUB_DATA_DIR: dataDir, LEGALHUB_DEMO_PASSWORD: 'Start-pass-2026', LEGALHUB_WEB_DIST: '/nonexistent' };
  const server = await startServerProcess(env);
  try {
    const rooms = await (await fetch(`${server.url}/api/v1/sites?kind=room`)).json();
    assert.equal(rooms.total, 365);
    for (const username of ['admin', 'reception', 'station-411522101']) {
      const res = await login(server.url, username, 'Start-pass-2026');
      assert.equal(res.status, 200, username);
    }
    const station = await (await login(server.url, 'station-411522101', 'Start-pass-2026')).json();
    assert.equal(station.regionCode, '411522101');
    assert.equal(station.siteName, '十里镇公共法律服务工作站');
    // the law library and the human-answered Q&A come with the first start
    const laws = await (await fetch(`${server.url}/api/v1/knowledge/laws`)).json();
    assert.equal(laws.length, 64);
    const found = await (
      await fetch(`${server.url}/api/v1/knowledge/search?q=${encodeURIComponent('劳动合同法第82条')}&kind=article`)
    ).json();
    assert.equal(found.items[0].article, '第八十二条');
  } finally {
    assert.equal(await server.stop(), 0, 'SIGTERM ends the server cleanly');
  }
  // a second start reuses the data: nothing is loaded twice, the password still works
  const again = await startServerProcess(env);
  try {
    const stations = await (await fetch(`${again.url}/api/v1/sites?kind=station`)).json();
    assert.equal(stations.total, 19);
    assert.equal((await login(again.url, 'admin', 'Start-pass-2026')).status, 200);
  } finally {
    await again.stop();
  }
});

test('without LEGALHUB_DEMO_PASSWORD a password is generated, printed once, and works', async () => {
  const dataDir = await tempDir();
  const server = await startServerProcess({
    LEGALHUB_DATA_DIR: dataDir,
    LEGALHUB_DEMO_PASSWORD: '',
    LEGALHUB_WEB_DIST: '/nonexistent',
    LEGALHUB_SEED_KNOWLEDGE: 'no',
  });
  try {
    const printed = /demo password for every demo account: (\S+)/.exec(server.output())?.[1];
    assert.ok(printed, `the password is printed: ${server.output()}`);
    assert.equal((await login(server.url, 'admin', printed)).status, 200);
  } finally {
    await server.stop();
  }
});

test('a bad setting stops the server at boot with a message naming it', async () => {
  await assert.rejects(startServerProcess({ PORT: 'eighty' }), /PORT must be a whole number/);
  await assert.rejects(
    startServerProcess({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', LEGALHUB_DATA_KEYS: '', LEGALHUB_INDEX_KEY: '' }),
    /LEGALHUB_DATA_KEYS and LEGALHUB_INDEX_KEY are required/,
  );
});

test(
  'on a PostgreSQL server no demo staff is made; the CLI creates the first administrator',
  { skip: !process.env.TEST_DATABASE_URL },
  async () => {
    const url = process.env.TEST_DATABASE_URL!;
    const schema = `t_cli_${randomBytes(4).toString('hex')}`;
    const env = {
      DATABASE_URL: url,
      LEGALHUB_DATA_KEYS: TEST_DATA_KEYS,
      LEGALHUB_INDEX_KEY: TEST_INDEX_KEY,
      LEGALHUB_DB_SCHEMA: schema,
      LEGALHUB_WEB_DIST: '/nonexistent',
      LEGALHUB_DEMO_PASSWORD: 'Demo-pass-2026',
      LEGALHUB_SEED_KNOWLEDGE: 'no',
    };
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const server = await startServerProcess(env);
      try {
        assert.equal((await login(server.url, 'admin', 'Demo-pass-2026')).status, 401, 'no demo admin on a server');
        const weak = await runCli(['create-admin', '--username', 'chief', '--password', 'short'], env);
        assert.notEqual(weak.code, 0);
        assert.match(weak.out, /PASSWORD_TOO_WEAK/);
        const made = await runCli(['create-admin', '--username', 'chief', '--password', 'Chief-pass-2026', '--name', '王局长'], env);
        assert.equal(made.code, 0, made.out);
        const res = await login(server.url, 'chief', 'Chief-pass-2026');
        assert.equal(res.status, 200);
        const me = await res.json();
        assert.equal(me.regionCode, '411522');
        assert.ok(me.permissions.includes('org.manage'));
      } finally {
        await server.stop();
      }
      const { rows } = await client.query(`select count(*)::int as n from "${schema}".sites`);
      assert.equal(rows[0].n, 385, 'the county network is loaded on a server too');
    } finally {
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    }
  },
);
