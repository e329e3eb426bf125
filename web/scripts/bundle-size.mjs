#!/usr/bin/env node
/**
 * What each entry makes a browser download before it can run: the entry's JavaScript and every chunk it
 * imports statically (lazy pages not counted), gzip-compressed. Fails when the portal is over its budget
 * (DESIGN.md § Web: 200 KB of compressed JavaScript). Run after `npm run build:web`:
 *   node web/scripts/bundle-size.mjs
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = path.resolve(import.meta.dirname, '../../dist/web');
const BUDGETS = { 'index.html': 200 * 1024 };

const manifest = JSON.parse(readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8'));
const gzipped = (file) => gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

function staticClosure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const dep of manifest[key]?.imports ?? []) staticClosure(dep, seen);
  return seen;
}

let failed = false;
for (const [key, chunk] of Object.entries(manifest)) {
  if (!chunk.isEntry) continue;
  const files = [...staticClosure(key)].map((k) => manifest[k].file);
  const js = files.reduce((sum, file) => sum + gzipped(file), 0);
  const css = [...new Set([...staticClosure(key)].flatMap((k) => manifest[k].css ?? []))].reduce((sum, file) => sum + gzipped(file), 0);
  const budget = BUDGETS[key];
  const verdict = budget === undefined ? '' : js <= budget ? ` (budget ${kb(budget)}: ok)` : ` (budget ${kb(budget)}: OVER)`;
  if (budget !== undefined && js > budget) failed = true;
  console.log(`${key.padEnd(22)} JS ${kb(js).padStart(9)} gzip in ${files.length} files, CSS ${kb(css)} gzip${verdict}`);
}
process.exit(failed ? 1 : 0);
