import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { freePort, runCli, startServerProcess } from '../helpers/server-process.js';
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

/** Runs the server until it exits by itself (a start that fails), with its stderr apart. */
async function startThatFails(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: { ...process.env, PORT: String(await freePort()), HOST: '127.0.0.1', LEGALHUB_WEB_DIST: '/nonexistent', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearTimeout(timer);
  return { code, stderr };
}

test('a missing or broken data file stops the start with one sentence naming the file and its variable, and makes no database', async () => {
  const dir = await tempDir();
  const dataDir = path.join(dir, 'data');
  const write = async (name: string, text: string) => {
    await writeFile(path.join(dir, name), text);
    return path.join(dir, name);
  };
  const article = {
    law: '中华人民共和国人民调解法',
    article: '第一条',
    number: 1,
    text: '为了完善人民调解制度。',
    category: '法律',
    version: '2010-08-28',
  };
  const cases: [Record<string, string>, RegExp][] = [
    [
      { LEGALHUB_COUNTY_FILE: path.join(dir, 'missing.json') },
      /^LegalHub: the county file \S+missing\.json \(LEGALHUB_COUNTY_FILE\) does not exist$/,
    ],
    [
      { LEGALHUB_COUNTY_FILE: await write('cut.json', '{"code":"411522","name":"光山县","children":[') },
      /^LegalHub: the county file \S+cut\.json \(LEGALHUB_COUNTY_FILE\) is not valid JSON \(.+\)$/,
    ],
    [
      {
        LEGALHUB_COUNTY_FILE: await write(
          'towns.json',
          JSON.stringify({ code: '411522', name: '光山县', children: [{ code: '4115', name: '?' }] }),
        ),
      },
      /^LegalHub: the county file \S+towns\.json \(LEGALHUB_COUNTY_FILE\) is not a county division tree: children\[0\] has no 9-digit "code" under 411522$/,
    ],
    [
      {
        LEGALHUB_LAWS_FILE: await write(
          'laws.jsonl',
          `${JSON.stringify(article)}
${JSON.stringify({ ...article, text: undefined })}
`,
        ),
      },
      /^LegalHub: line 2 of the law library file \S+laws\.jsonl \(LEGALHUB_LAWS_FILE\) is not a valid record: no "text"$/,
    ],
    [
      { LEGALHUB_QA_FILE: path.join(dir, 'no-qa.jsonl') },
      /^LegalHub: the answered questions file \S+no-qa\.jsonl \(LEGALHUB_QA_FILE\) does not exist$/,
    ],
  ];
  for (const [env, sentence] of cases) {
    const run = await startThatFails({ ...env, LEGALHUB_DATA_DIR: dataDir });
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr.trim(), sentence, 'one line, no stack trace');
    assert.ok(!existsSync(dataDir), `no data dir left behind (${Object.keys(env)[0]})`);
  }
  // an empty data dir made beforehand stays empty
  await mkdir(dataDir);
  const run = await startThatFails({ LEGALHUB_DATA_DIR: dataDir, LEGALHUB_COUNTY_FILE: path.join(dir, 'missing.json') });
  assert.equal(run.code, 2);
  assert.deepEqual(await readdir(dataDir), []);
});

test('a start that fails after the database was made removes the database it made', async () => {
  const dir = await tempDir();
  const dataDir = path.join(dir, 'data');
  // it passes the checks, but PostgreSQL's integer cannot hold the article's number: the import fails
  const laws = path.join(dir, 'laws.jsonl');
  await writeFile(
    laws,
    `${JSON.stringify({ law: '测试法', article: '第一条', number: 3_000_000_000, text: '测试。', category: '法律', version: '2020-01-01' })}
`,
  );
  const run = await startThatFails({ LEGALHUB_DATA_DIR: dataDir, LEGALHUB_LAWS_FILE: laws, LEGALHUB_DEMO_PASSWORD: 'Start-pass-2026' });
  assert.notEqual(run.code, 0);
  assert.match(run.stderr, /out of range for type integer/);
  assert.ok(!existsSync(dataDir), 'the half-made data dir is gone');
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
