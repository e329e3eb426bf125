import { existsSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, loadConfig } from './config.js';
import { prepareDatabase } from './bootstrap.js';
import { buildApp } from './app.js';
import { startJobs } from './jobs.js';
import { readReferenceData } from './reference-data.js';
import { resolveCipher } from './security/keys.js';

/** A bad setting or data file: one line naming it, no stack trace, exit code 2. */
function stop(error: unknown): never {
  if (error instanceof ConfigError) {
    console.error(`LegalHub: ${error.message}`);
    process.exit(2);
  }
  throw error;
}

const config = (() => {
  try {
    return loadConfig();
  } catch (error) {
    return stop(error);
  }
})();
// the county, laws and answered questions, read and checked before anything is created (keys, the data dir)
const reference = await readReferenceData(config).catch(stop);
// an embedded database made by this start is removed again if the start fails before it is ready
const dataDirBefore = config.databaseUrl
  ? 'server'
  : !existsSync(config.dataDir)
    ? 'absent'
    : readdirSync(config.dataDir).length === 0
      ? 'empty'
      : 'used';
async function removeNewDataDir(dir: string) {
  if (dataDirBefore === 'absent') await rm(dir, { recursive: true, force: true });
  else if (dataDirBefore === 'empty' && existsSync(dir))
    await Promise.all(readdirSync(dir).map((name) => rm(path.join(dir, name), { recursive: true, force: true })));
}

const cipher = await resolveCipher(config).catch(stop);
let prepared;
try {
  prepared = await prepareDatabase(config, reference);
} catch (error) {
  await removeNewDataDir(config.dataDir);
  stop(error);
}
const { database, applied, seed } = prepared;
const app = await buildApp({ config, db: database.db, cipher, engine: database.engine });
if (applied.length) app.log.info({ applied }, 'migrations applied');
if (seed.county) app.log.info({ staff: seed.staff }, 'demo county loaded');
if (seed.generatedPassword) {
  // printed once, on the console only; it is stored nowhere but as a hash
  console.log(
    `\n  演示账号密码 / demo password for every demo account: ${seed.generatedPassword}\n  (set LEGALHUB_DEMO_PASSWORD to choose it)\n`,
  );
}
const stopJobs = config.jobs ? startJobs(database.db, config, cipher, app.log) : () => {};

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  stopJobs();
  await app.close();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
app.log.info(`LegalHub on http://localhost:${config.port}/ (workbench /workbench/, API docs /docs, ${database.engine})`);
