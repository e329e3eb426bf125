import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../server/config.js';

test('an empty environment gives the documented defaults', () => {
  const config = loadConfig({});
  assert.equal(config.port, 3000);
  assert.equal(config.host, '0.0.0.0');
  assert.equal(config.databaseUrl, undefined);
  assert.equal(config.seedDemo, 'auto');
  assert.equal(config.logLevel, 'info');
  assert.equal(config.cookieSecure, false);
  assert.equal(config.sessionTtlHours, 12);
});

test('the county, laws and answered questions default to the repository’s own reference-data/', () => {
  const root = path.resolve(import.meta.dirname, '../..');
  const config = loadConfig({});
  for (const [file, name] of [
    [config.countyFile, 'county.json'],
    [config.lawsFile, 'laws.jsonl'],
    [config.qaFile, 'qa.jsonl'],
  ] as const) {
    assert.equal(file, path.join(root, 'reference-data', name));
    assert.ok(existsSync(file), `${file} is in the repository`);
  }
});

test('settings are read from the environment', () => {
  const config = loadConfig({
    PORT: '8080',
    DATABASE_URL: 'postgresql://legalhub@db:5432/legalhub',
    LEGALHUB_COOKIE_SECURE: 'yes',
    LEGALHUB_SESSION_TTL_HOURS: '8',
    LOG_LEVEL: 'warn',
  });
  assert.equal(config.port, 8080);
  assert.equal(config.databaseUrl, 'postgresql://legalhub@db:5432/legalhub');
  assert.equal(config.cookieSecure, true);
  assert.equal(config.sessionTtlHours, 8);
  assert.equal(config.logLevel, 'warn');
  assert.equal(loadConfig({ DATABASE_URL: 'postgres://x@y/z' }).databaseUrl, 'postgres://x@y/z');
});

test('a PORT that is not a number is a ConfigError naming PORT', () => {
  for (const port of ['abc', '-1', '80.5', '3000abc']) {
    assert.throws(
      () => loadConfig({ PORT: port }),
      (e: unknown) => e instanceof ConfigError && /PORT/.test(e.message),
      port,
    );
  }
});

test('a bad DATABASE_URL is a ConfigError', () => {
  for (const url of ['mysql://root@localhost/db', 'localhost:5432', 'file:///tmp/db']) {
    assert.throws(() => loadConfig({ DATABASE_URL: url }), ConfigError, url);
  }
});

test('every bad setting is named by the environment variable the operator set', () => {
  const cases: [Record<string, string>, string[]][] = [
    [{ PORT: '70000' }, ['PORT']],
    [{ DATABASE_URL: 'mysql://root@localhost/db' }, ['DATABASE_URL']],
    [{ LEGALHUB_COOKIE_SECURE: 'maybe' }, ['LEGALHUB_COOKIE_SECURE']],
    [{ LEGALHUB_TRUST_PROXY: 'sometimes' }, ['LEGALHUB_TRUST_PROXY']],
    [{ LOG_LEVEL: 'loud' }, ['LOG_LEVEL']],
    [{ LEGALHUB_SESSION_TTL_HOURS: '0' }, ['LEGALHUB_SESSION_TTL_HOURS']],
    [{ PORT: 'abc', LEGALHUB_SESSION_TTL_HOURS: 'x' }, ['PORT', 'LEGALHUB_SESSION_TTL_HOURS']],
    [{ LEGALHUB_JOB_INTERVALS: 'outbox=0' }, ['LEGALHUB_JOB_INTERVALS']],
    [{ LEGALHUB_JOB_INTERVALS: 'mailer=5' }, ['LEGALHUB_JOB_INTERVALS']],
    [{ LEGALHUB_JOB_INTERVALS: 'scanner=soon' }, ['LEGALHUB_JOB_INTERVALS']],
  ];
  const unnamed: string[] = [];
  for (const [env, names] of cases) {
    let message = '(no error)';
    try {
      loadConfig(env);
    } catch (e) {
      assert.ok(e instanceof ConfigError, `${JSON.stringify(env)} throws a ConfigError`);
      message = e.message;
    }
    for (const name of names) if (!message.includes(name)) unnamed.push(`${JSON.stringify(env)} → ${message}`);
  }
  assert.deepEqual(unnamed, []);
});

test('the background jobs run every 5 s, 1 min and 10 min unless LEGALHUB_JOB_INTERVALS says otherwise', () => {
  assert.deepEqual(loadConfig({}).jobIntervals, { outbox: 5, scanner: 60, housekeeping: 600 });
  assert.deepEqual(loadConfig({ LEGALHUB_JOB_INTERVALS: 'outbox=1, scanner=2' }).jobIntervals, {
    outbox: 1,
    scanner: 2,
    housekeeping: 600,
  });
});
