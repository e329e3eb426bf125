#!/usr/bin/env node
// Proves that the repository carries what it runs on: clones it (its committed HEAD) into an empty temporary
// folder with nothing beside it, runs the README's first command, `npm start`, there until /healthz answers and
// the county (365 village rooms, 19 town stations) and the law library (64 laws) are loaded, then stops it and
// removes the folder. With --npm-test it then runs `npm test` in the same clone (the suite on a bare clone);
// what follows --npm-test goes to the test command (`--npm-test test/api/knowledge` runs that file only).
// It clones the committed HEAD: commit what you want checked.
// Settings: BARE_CLONE_TIMEOUT (seconds for the start, 900). Uses nothing but Node itself.
import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const source = path.resolve(import.meta.dirname, '..');
const testFlag = process.argv.indexOf('--npm-test');
const testArgs = testFlag < 0 ? null : process.argv.slice(testFlag + 1);
const timeoutMs = Number(process.env.BARE_CLONE_TIMEOUT ?? 900) * 1000;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const started = Date.now();
const seconds = (from = started) => `${((Date.now() - from) / 1000).toFixed(1)} s`;

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

function run(command, args, options) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    child.on('exit', (code, signal) => resolve(signal ? 1 : (code ?? 1)));
  });
}

// the environment of a new user: none of the settings that would point the clone at anything outside it
const env = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !k.startsWith('LEGALHUB_') && k !== 'DATABASE_URL' && k !== 'PORT' && k !== 'HOST'),
);

const parent = await mkdtemp(path.join(tmpdir(), 'legalhub-bare-'));
const clone = path.join(parent, 'legalhub');
const log = path.join(parent, 'npm-start.log');
let server = null;

function stopServer(signal = 'SIGTERM') {
  if (!server) return;
  try {
    process.kill(-server.pid, signal); // the whole group: npm start, npm ci or the build, the server
  } catch {
    /* already gone */
  }
}
function groupAlive() {
  try {
    process.kill(-server.pid, 0);
    return true;
  } catch {
    return false;
  }
}
/** SIGTERM to the server's process group, SIGKILL after 10 s; resolves once every process of it is gone. */
async function stopAndWait() {
  if (!server) return;
  stopServer('SIGTERM');
  const killAt = Date.now() + 10_000;
  while (groupAlive()) {
    if (Date.now() > killAt) stopServer('SIGKILL');
    await new Promise((r) => setTimeout(r, 200));
  }
  server = null;
}
let cleaning = null;
/** Once, however many ways out ask for it: nothing left running, then the folder removed. */
function cleanUp() {
  cleaning ??= stopAndWait().then(() => rm(parent, { recursive: true, force: true, maxRetries: 5 }));
  return cleaning;
}
// never leave a server behind: on Ctrl-C, on CI's own timeout, and on any way out of this process
process.on('exit', () => stopServer('SIGKILL'));
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
  process.on(signal, () => {
    console.error(`bare-clone check: ${signal}, stopping`);
    void cleanUp().finally(() => process.exit(1));
  });

function fail(message) {
  let tail = '';
  try {
    tail = readFileSync(log, 'utf8').split('\n').slice(-40).join('\n');
  } catch {
    /* no log yet */
  }
  throw new Error(`${message}${tail ? `\n── last lines of npm start ──\n${tail}` : ''}`);
}

async function getJson(url) {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) fail(`GET ${url} answered ${res.status}`);
  return res.json();
}

let code = 0;
try {
  if ((await run('git', ['clone', '--quiet', source, clone])) !== 0) fail(`git clone of ${source} failed`);
  console.log(`bare-clone check: cloned ${source} into ${clone} (nothing beside it) in ${seconds()}`);

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const out = createWriteStream(log);
  const startAt = Date.now();
  server = spawn(npm, ['start'], {
    cwd: clone,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1', LEGALHUB_DEMO_PASSWORD: 'Bare-clone-2026' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, stopped as one
  });
  server.stdout.pipe(out);
  server.stderr.pipe(out);
  // when each step of npm start began, from the lines scripts/start.mjs prints
  const steps = {};
  server.stdout.on('data', (chunk) => {
    for (const [name, marker] of [
      ['build', '› building the web app'],
      ['built', '✓ built in'],
      ['listening', 'LegalHub on http'],
    ])
      if (!steps[name] && String(chunk).includes(marker)) steps[name] = Date.now();
  });
  for (;;) {
    if (!server || server.exitCode !== null || server.signalCode !== null)
      fail(`npm start ended (${server?.exitCode ?? server?.signalCode ?? 'stopped'}) before /healthz answered`);
    if (Date.now() - startAt > timeoutMs) fail(`npm start did not answer /healthz within ${timeoutMs / 1000} s`);
    try {
      if ((await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) })).status === 200) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  const span = (from, to) => (from && to ? `${((to - from) / 1000).toFixed(1)} s` : '?');
  console.log(
    `bare-clone check: npm start answered /healthz 200 after ${seconds(startAt)} (npm ci ${span(startAt, steps.build)}, web build ${span(steps.build, steps.built)}, first start with the county and library ${span(steps.built, steps.listening)})`,
  );

  const rooms = await getJson(`${url}/api/v1/sites?kind=room`);
  const stations = await getJson(`${url}/api/v1/sites?kind=station`);
  const laws = await getJson(`${url}/api/v1/knowledge/laws`);
  const found = await getJson(`${url}/api/v1/knowledge/search?q=${encodeURIComponent('劳动合同法第82条')}&kind=article`);
  if (rooms.total !== 365 || stations.total !== 19) fail(`the county is not loaded: ${stations.total} stations, ${rooms.total} rooms`);
  if (!Array.isArray(laws) || laws.length !== 64) fail(`the law library is not loaded: ${laws.length} laws`);
  if (found.items?.[0]?.article !== '第八十二条') fail('the law library does not answer a citation');
  await stopAndWait();
  console.log(`bare-clone check: 19 town stations, 365 village rooms, 64 laws; server stopped (${seconds()} in all)`);

  if (testArgs) {
    // the README's second command, in the same clone (its dependencies are what npm start installed)
    const testAt = Date.now();
    code = await run(npm, ['test', ...(testArgs.length ? ['--', ...testArgs] : [])], { cwd: clone, env });
    console.log(`bare-clone check: npm test in the clone ended ${code === 0 ? 'passing' : `with ${code}`} after ${seconds(testAt)}`);
  }
  console.log(`bare-clone check: ${code === 0 ? 'passed' : 'FAILED'} in ${seconds()}`);
} catch (error) {
  console.error(`bare-clone check FAILED after ${seconds()}: ${error.message}`);
  code = 1;
} finally {
  await cleanUp();
}
process.exit(code);
