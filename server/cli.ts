import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { ConfigError, loadConfig } from './config.js';
import { loadReferenceData, openConfiguredDatabase, seedIfEmpty } from './bootstrap.js';
import { migrateToLatest } from './db/migrate.js';
import { readReferenceData } from './reference-data.js';
import { assertPasswordPolicy, hashPassword } from './modules/auth/passwords.js';
import { AppError } from './http/errors.js';
import { isPrivacyCommand, PRIVACY_HELP, privacyCommand } from './modules/privacy/commands.js';
import { backupCommand, restoreCommand } from './ops/commands.js';

const HELP = `LegalHub command line

  npm run cli -- migrate                     apply pending migrations
  npm run cli -- seed                        load the county (and, on PGlite or with LEGALHUB_SEED_DEMO=yes, demo staff) into an empty database
  npm run cli -- create-admin --username U --password P [--name 姓名]
                                             create the first county administrator (on a PostgreSQL server)
${PRIVACY_HELP}
  npm run cli -- backup --out FILE           write every row of every table to FILE (gzip, with a checksum); the
                                             personal data stays sealed and the keys are not in it
  npm run cli -- restore --in FILE [--replace]
                                             load a backup into an empty database (--replace erases one that holds
                                             data), then migrate it forward to this release

The database is the one the environment names: DATABASE_URL, or PGlite in LEGALHUB_DATA_DIR.`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      username: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      help: { type: 'boolean' },
      out: { type: 'string' },
      in: { type: 'string' },
      replace: { type: 'boolean' },
    },
  });
  const command = positionals[0];
  if (!command || values.help) {
    console.log(HELP);
    return command ? 0 : 1;
  }
  const config = loadConfig();
  // the files `seed` loads, read and checked before the database is opened: a bad one creates nothing
  const reference = command === 'seed' ? await readReferenceData(config) : undefined;
  const database = await openConfiguredDatabase(config);
  try {
    // before migrating: a backup is of the database as it is, and a restore migrates to the backup's version itself
    if (command === 'backup') return await backupCommand(database, config, values.out);
    if (command === 'restore') return await restoreCommand(database, config, values.in, values.replace ?? false);
    const applied = await migrateToLatest(database.db as Kysely<unknown>);
    console.log(applied.length ? `migrations applied: ${applied.join(', ')}` : 'schema is up to date');
    if (command === 'migrate') return 0;
    if (isPrivacyCommand(command)) return await privacyCommand(command, database.db, config);
    if (command === 'seed') {
      const report = await loadReferenceData(database.db, config, database.engine, reference);
      console.log(report.county ? `county loaded, ${report.staff} demo staff` : 'database not empty: nothing loaded');
      if (report.generatedPassword) console.log(`demo password: ${report.generatedPassword}`);
      return 0;
    }
    if (command === 'create-admin') {
      const { username, password } = values;
      if (!username || !password) {
        console.error('create-admin needs --username and --password');
        return 1;
      }
      assertPasswordPolicy(password);
      await seedIfEmpty(database.db, { ...config, seedDemo: 'no' }, database.engine);
      const center = await database.db.selectFrom('sites').select('id').where('kind', '=', 'center').executeTakeFirst();
      if (!center) throw new Error('no county center site: is the county loaded?');
      await database.db
        .insertInto('staff')
        .values({
          username,
          display_name: values.name ?? '系统管理员',
          site_id: center.id,
          posts: ['admin', 'supervisor'],
          password_hash: await hashPassword(password),
        })
        .execute();
      console.log(`administrator ${username} created at the county center`);
      return 0;
    }
    console.error(`unknown command: ${command}\n\n${HELP}`);
    return 1;
  } catch (error) {
    if (error instanceof AppError) {
      const body = error.toBody();
      console.error(
        `${error.code}: ${body.message} (${body.messageEn})${body.details === undefined ? '' : ` ${JSON.stringify(body.details)}`}`,
      );
    } else if (error instanceof ConfigError) console.error(`LegalHub: ${error.message}`);
    else console.error(error);
    return 1;
  } finally {
    await database.close();
  }
}

process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
  // a bad setting or data file: one line naming it (as the server says it)
  if (error instanceof ConfigError) {
    console.error(`LegalHub: ${error.message}`);
    return 2;
  }
  throw error;
});
