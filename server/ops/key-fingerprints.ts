import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import { parseKeyRing } from '../security/personal-data.js';
import type { KeyFingerprints } from './backup-file.js';

/**
 * A backup holds personal data sealed as stored, never the keys. It records a fingerprint of each key (an HMAC
 * of a fixed text under the key: it shows whether two keys are equal and nothing else), so that a restore can
 * say at once whether the keys configured where it runs open the data.
 */
const LABEL = 'legalhub backup key fingerprint';
const fingerprint = (key: Buffer) => createHmac('sha256', key).update(LABEL).digest('hex').slice(0, 16);

/** The keys as the server would find them (environment, or keys.json beside an embedded database), made nowhere. */
export async function keyFingerprints(config: Config): Promise<KeyFingerprints | null> {
  let { dataKeys, indexKey } = config;
  if ((!dataKeys || !indexKey) && !config.databaseUrl) {
    const stored = await readFile(path.join(config.dataDir, 'keys.json'), 'utf8').then(
      (text) => JSON.parse(text) as { dataKeys?: string; indexKey?: string },
      () => undefined,
    );
    dataKeys ??= stored?.dataKeys;
    indexKey ??= stored?.indexKey;
  }
  if (!dataKeys || !indexKey) return null;
  const ring = parseKeyRing(dataKeys);
  return {
    index: fingerprint(Buffer.from(indexKey, 'base64')),
    data: Object.fromEntries([...ring.keys].map(([id, key]) => [id, fingerprint(key)])),
  };
}

/** Whether the keys here open what the backup's keys sealed: the same index key, and every data key of the backup. */
export function keysMatch(backup: KeyFingerprints, here: KeyFingerprints): boolean {
  return backup.index === here.index && Object.entries(backup.data).every(([id, f]) => here.data[id] === f);
}
