import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, type Config } from '../config.js';
import { newKeySpec, parseKeyRing, PersonalDataCipher } from './personal-data.js';

/**
 * The keys that seal personal data. Given in the environment (LEGALHUB_DATA_KEYS, LEGALHUB_INDEX_KEY) they
 * are used as they are. On the embedded database without them, keys are made once and kept in
 * `<data dir>/keys.json` (mode 0600) beside the data — fine for a trial, not for production, where the
 * keys must live apart from the database: a PostgreSQL server without keys configured refuses to start.
 */
export async function resolveCipher(config: Config): Promise<PersonalDataCipher> {
  let dataKeys = config.dataKeys;
  let indexKey = config.indexKey;
  if (!dataKeys || !indexKey) {
    if (config.databaseUrl) {
      throw new ConfigError('LEGALHUB_DATA_KEYS and LEGALHUB_INDEX_KEY are required with DATABASE_URL (see README § Configuration)');
    }
    const file = path.join(config.dataDir, 'keys.json');
    if (existsSync(file)) {
      const stored = JSON.parse(await readFile(file, 'utf8')) as { dataKeys: string; indexKey: string };
      dataKeys ??= stored.dataKeys;
      indexKey ??= stored.indexKey;
    } else {
      const made = { dataKeys: dataKeys ?? newKeySpec(), indexKey: indexKey ?? randomBytes(32).toString('base64') };
      await mkdir(config.dataDir, { recursive: true });
      await writeFile(file, JSON.stringify(made), { mode: 0o600 });
      dataKeys = made.dataKeys;
      indexKey = made.indexKey;
    }
  }
  try {
    return new PersonalDataCipher(parseKeyRing(dataKeys!), Buffer.from(indexKey!, 'base64'));
  } catch (error) {
    throw new ConfigError(`LEGALHUB_DATA_KEYS: ${(error as Error).message}`);
  }
}
