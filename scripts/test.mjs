#!/usr/bin/env node
// The one test command: every test file on PGlite, then (when TEST_DATABASE_URL is set) the API tests
// (test/api) again on the PostgreSQL server. Browser tests build the web app first and run once.
// Prints a closing "N passed, N failed" line over all runs.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const only = process.argv.slice(2);

function find(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'helpers' ? [] : find(full);
    return name.endsWith('.test.ts') ? [path.relative(root, full)] : [];
  });
}

const all = find(path.join(root, 'test')).sort();
const selected = only.length ? all.filter((f) => only.some((o) => f.includes(o))) : all;
const isBrowser = (f) => f.startsWith(path.join('test', 'browser'));

if (selected.some(isBrowser)) {
  console.log('building the web app for the browser tests…');
  const build = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

function run(files, env, label, concurrency = 2) {
  return new Promise((resolve) => {
    console.log(`\n── ${label}: ${files.length} files ──`);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${concurrency}`, '--test-timeout=300000', ...files],
      { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      out += chunk;
    });
    child.on('close', (code) => {
      const count = (word) => Number(out.match(new RegExp(`^ℹ ${word} (\\d+)$`, 'm'))?.[1] ?? 0);
      resolve({ code: code ?? 1, pass: count('pass'), fail: count('fail'), skipped: count('skipped') + count('todo') });
    });
  });
}

const results = [];
// browser journeys one at a time: each runs a server and Chromium, and two at once on a small machine push
// their steps past the browser's timeouts
const browserFiles = selected.filter(isBrowser);
const otherFiles = selected.filter((f) => !isBrowser(f));
if (otherFiles.length) results.push(await run(otherFiles, { LEGALHUB_TEST_DB: 'pglite' }, 'PGlite'));
if (browserFiles.length) results.push(await run(browserFiles, { LEGALHUB_TEST_DB: 'pglite' }, 'Chromium journeys (PGlite)', 1));
if (process.env.TEST_DATABASE_URL) {
  // unit tests touch no database; process tests start their own servers (and use TEST_DATABASE_URL themselves)
  const dbFiles = selected.filter((f) => f.startsWith(path.join('test', 'api')));
  if (dbFiles.length)
    results.push(await run(dbFiles, { LEGALHUB_TEST_DB: 'postgres' }, `PostgreSQL server (${process.env.TEST_DATABASE_URL})`));
} else {
  console.log('\nTEST_DATABASE_URL not set: the PostgreSQL server run is skipped');
}
const sum = (k) => results.reduce((n, r) => n + r[k], 0);
const failed = results.some((r) => r.code !== 0) ? Math.max(1, sum('fail')) : sum('fail');
console.log(`\n${sum('pass')} passed, ${failed} failed${sum('skipped') ? `, ${sum('skipped')} skipped` : ''}`);
process.exit(failed ? 1 : 0);
