import { ConfigError, loadConfig } from './config.js';
import { prepareDatabase } from './bootstrap.js';
import { buildApp } from './app.js';
import { startJobs } from './jobs.js';
import { resolveCipher } from './security/keys.js';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`LegalHub: ${error.message}`);
    process.exit(2);
  }
  throw error;
}

let cipher;
try {
  cipher = await resolveCipher(config);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`LegalHub: ${error.message}`);
    process.exit(2);
  }
  throw error;
}
const { database, applied, seed } = await prepareDatabase(config);
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
