import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { DB } from '../../db/schema.js';
import { resolveCipher } from '../../security/keys.js';
import { backfillIdHashes, keyStatus, rotateKeys, type KeyStatus } from './keys.service.js';
import { sweepExpired } from './sweep.js';

/** The operator's privacy commands (server/cli.ts): `key-status`, `rotate-keys`, `retention-sweep`. */
export const PRIVACY_COMMANDS = ['key-status', 'rotate-keys', 'retention-sweep'] as const;
export type PrivacyCommand = (typeof PRIVACY_COMMANDS)[number];

export function isPrivacyCommand(command: string): command is PrivacyCommand {
  return (PRIVACY_COMMANDS as readonly string[]).includes(command);
}

export const PRIVACY_HELP = `  npm run cli -- key-status                  how many values each data key seals, per table and column
  npm run cli -- rotate-keys                 re-seal every value not under the current key (the first of
                                             LEGALHUB_DATA_KEYS), in batches, while the servers keep running
  npm run cli -- retention-sweep             anonymise now what has passed its retention period (housekeeping
                                             does it every 10 minutes)`;

function printStatus(status: KeyStatus, print: (line: string) => void) {
  print(`current key: ${status.currentKeyId}; keys configured: ${status.ring.join(', ')}`);
  for (const c of status.columns) {
    const keys = Object.entries(c.byKey);
    print(`  ${`${c.table}.${c.column}`.padEnd(40)} ${keys.length ? keys.map(([k, n]) => `${k}: ${n}`).join(', ') : '(none)'}`);
  }
  print(`values under an older key: ${status.stale}`);
  if (status.unopenable)
    print(`values no configured key opens: ${status.unopenable} — put the key that sealed them back in LEGALHUB_DATA_KEYS`);
  const old = status.ring.filter((k) => k !== status.currentKeyId);
  const unused = old.filter((k) => status.columns.every((c) => !c.byKey[k]));
  if (unused.length) print(`no value is sealed with ${unused.join(', ')}: it can leave LEGALHUB_DATA_KEYS`);
}

/** Runs one command; the exit code is 0 when it did all it should. */
export async function privacyCommand(command: PrivacyCommand, db: Kysely<DB>, config: Config, print = console.log): Promise<number> {
  const cipher = await resolveCipher(config);
  if (command === 'key-status') {
    printStatus(await keyStatus(db, cipher), print);
    return 0;
  }
  if (command === 'rotate-keys') {
    print(`re-sealing with key ${cipher.currentKeyId} …`);
    const report = await rotateKeys(db, cipher);
    for (const c of report.columns) {
      print(`  ${`${c.table}.${c.column}`.padEnd(40)} re-sealed ${c.rotated}, changed meanwhile ${c.skipped}, unreadable ${c.unreadable}`);
    }
    let filled = 0;
    for (;;) {
      const n = await backfillIdHashes(db, cipher);
      filled += n;
      if (!n) break;
    }
    if (filled) print(`ID number blind indexes filled in: ${filled}`);
    printStatus(await keyStatus(db, cipher), print);
    return report.remaining ? 1 : 0;
  }
  const counts = await sweepExpired(db, cipher, { maxBatches: 1_000_000 });
  for (const [type, n] of Object.entries(counts)) print(`  ${type.padEnd(20)} ${n}`);
  return 0;
}
