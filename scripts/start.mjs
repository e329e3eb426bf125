#!/usr/bin/env node
// `npm start`: installs dependencies when they are missing or stale, builds the web app when its sources
// changed, then runs the server (which migrates the database and loads the demo county on first start).
// Uses nothing but Node itself, since it runs before `npm install`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

// the versions package.json's "engines" names: what every dependency supports (20.19+, 22.13+, 24 and later)
const [major, minor] = process.versions.node.split('.').map(Number);
if (!((major === 20 && minor >= 19) || (major === 22 && minor >= 13) || major >= 24)) {
  console.error(
    `LegalHub needs Node.js 20.19 or a later 20.x, 22.13 or a later 22.x, or 24 and later (this is Node.js ${process.versions.node}): install one from https://nodejs.org and run npm start again.`,
  );
  process.exit(1);
}

const root = path.resolve(import.meta.dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function newest(dir) {
  let max = 0;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const stat = statSync(full);
    max = Math.max(max, stat.isDirectory() ? newest(full) : stat.mtimeMs);
  }
  return max;
}

function step(label, command, args) {
  console.log(`› ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`✗ ${label} failed`);
    process.exit(result.status ?? 1);
  }
}

const installed = path.join(root, 'node_modules', '.package-lock.json');
if (
  !existsSync(installed) ||
  mtime(path.join(root, 'package-lock.json')) > mtime(installed) ||
  mtime(path.join(root, 'package.json')) > mtime(installed)
) {
  step(
    'installing dependencies (npm ci)',
    npm,
    existsSync(path.join(root, 'package-lock.json')) ? ['ci', '--no-audit', '--no-fund'] : ['install'],
  );
}

const builtWeb = path.join(root, 'dist', 'web', 'index.html');
if (!process.env.LEGALHUB_WEB_DIST && (!existsSync(builtWeb) || newest(path.join(root, 'web')) > mtime(builtWeb))) {
  step('building the web app', npm, ['run', 'build:web', '--silent']);
}

const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(signal ? 0 : (code ?? 0)));
