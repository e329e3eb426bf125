import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { PersonalDataCipher } from '../../security/personal-data.js';
import { FIRST_ID, SEALED_COLUMNS, type SealedColumn } from './sealed-columns.js';

/*
 * Key rotation without downtime. The operator puts a new key first in LEGALHUB_DATA_KEYS, keeping the old one
 * after it, and restarts the instances one by one: every instance then seals with the new key and still opens
 * the old values. `rotate-keys` re-seals, in batches, every value not under the current key; each batch is one
 * UPDATE that changes a row only while it still holds the value read, so a value a running instance wrote
 * meanwhile is never overwritten. `key-status` counts the values per key: when the old key seals nothing, it
 * can leave the configuration.
 */

export interface ColumnKeyCount {
  table: string;
  column: string;
  /** key id → how many values of this column it seals */
  byKey: Record<string, number>;
}

export interface KeyStatus {
  currentKeyId: string;
  /** the key ids of the configured ring, current first */
  ring: string[];
  columns: ColumnKeyCount[];
  /** values sealed with a key other than the current one (to be re-sealed) */
  stale: number;
  /** values sealed with a key the ring lacks (they cannot be opened: a key was dropped too early) */
  unopenable: number;
}

export async function keyStatus(db: Kysely<DB>, cipher: PersonalDataCipher): Promise<KeyStatus> {
  const ring = cipher.keyIds;
  const columns: ColumnKeyCount[] = [];
  let stale = 0;
  let unopenable = 0;
  for (const c of SEALED_COLUMNS) {
    const { rows } = await sql<{ key_id: string; n: string }>`
      select split_part(${sql.ref(c.column)}, ':', 2) as key_id, count(*) as n
        from ${sql.table(c.table)}
       where ${sql.ref(c.column)} is not null
       group by 1 order by 1`.execute(db);
    const byKey: Record<string, number> = {};
    for (const r of rows) {
      const n = Number(r.n);
      byKey[r.key_id] = n;
      if (r.key_id !== cipher.currentKeyId) stale += n;
      if (!ring.includes(r.key_id)) unopenable += n;
    }
    columns.push({ table: c.table, column: c.column, byKey });
  }
  return { currentKeyId: cipher.currentKeyId, ring, columns, stale, unopenable };
}

export interface StaleValue {
  id: string;
  value: string;
}

/** The next values (in id order, after `afterId`) not sealed with the current key. */
export async function readStaleBatch(
  db: Kysely<DB>,
  cipher: PersonalDataCipher,
  c: SealedColumn,
  afterId: string,
  limit: number,
): Promise<StaleValue[]> {
  // key ids are [a-z0-9]{1,16}: nothing in the pattern for LIKE to read as a wildcard
  const current = `v1:${cipher.currentKeyId}:%`;
  const { rows } = await sql<{ id: string; value: string }>`
    select id::text as id, ${sql.ref(c.column)} as value
      from ${sql.table(c.table)}
     where ${sql.ref(c.column)} is not null
       and ${sql.ref(c.column)} not like ${current}
       and id > ${afterId}::${sql.raw(c.idType)}
     order by id
     limit ${limit}`.execute(db);
  return rows;
}

export interface BatchResult {
  /** re-sealed with the current key */
  rotated: number;
  /** changed by someone else between the read and the write (left as they are now) */
  skipped: number;
  /** sealed with a key the ring lacks, or damaged */
  unreadable: number;
}

/**
 * Re-seals the values read, in one UPDATE guarded by the value read: a row whose value changed meanwhile
 * (a running instance wrote a new one, or the retention sweep removed it) keeps what it has now.
 */
export async function writeBatch(db: Kysely<DB>, cipher: PersonalDataCipher, c: SealedColumn, batch: StaleValue[]): Promise<BatchResult> {
  const rows: { id: string; old: string; fresh: string }[] = [];
  let unreadable = 0;
  for (const v of batch) {
    let plain: string;
    try {
      plain = cipher.decrypt(v.value);
    } catch {
      unreadable++;
      continue;
    }
    rows.push({ id: v.id, old: v.value, fresh: cipher.encrypt(plain) });
  }
  if (!rows.length) return { rotated: 0, skipped: 0, unreadable };
  const values = sql.join(rows.map((r) => sql`(${r.id}::${sql.raw(c.idType)}, ${r.old}::text, ${r.fresh}::text)`));
  const { rows: updated } = await sql<{ id: string }>`
    update ${sql.table(c.table)} as t
       set ${sql.ref(c.column)} = v.fresh
      from (values ${values}) as v (id, old, fresh)
     where t.id = v.id and t.${sql.ref(c.column)} = v.old
    returning t.id`.execute(db);
  return { rotated: updated.length, skipped: rows.length - updated.length, unreadable };
}

export interface RotationReport {
  columns: (BatchResult & { table: string; column: string })[];
  /** values still not under the current key afterwards (written by an instance not yet restarted, or unreadable) */
  remaining: number;
}

/**
 * Re-seals every value not under the current key, column by column, in batches. A second pass picks up what
 * an instance still on the old key wrote during the first (up to `passes`); what is left is reported.
 */
export async function rotateKeys(
  db: Kysely<DB>,
  cipher: PersonalDataCipher,
  options: { batchSize?: number; passes?: number; onBatch?: (c: SealedColumn, r: BatchResult) => void } = {},
): Promise<RotationReport> {
  const batchSize = options.batchSize ?? 500;
  const passes = options.passes ?? 3;
  const totals = new Map<SealedColumn, BatchResult>(SEALED_COLUMNS.map((c) => [c, { rotated: 0, skipped: 0, unreadable: 0 }]));
  let status: KeyStatus | undefined;
  for (let pass = 0; pass < passes; pass++) {
    for (const c of SEALED_COLUMNS) {
      const total = totals.get(c)!;
      let afterId = FIRST_ID[c.idType];
      for (;;) {
        const batch = await readStaleBatch(db, cipher, c, afterId, batchSize);
        if (!batch.length) break;
        const result = await writeBatch(db, cipher, c, batch);
        options.onBatch?.(c, result);
        total.rotated += result.rotated;
        total.skipped += result.skipped;
        afterId = batch[batch.length - 1]!.id;
        if (batch.length < batchSize) break;
      }
    }
    status = await keyStatus(db, cipher);
    // what is left is only what no key of the ring opens: another pass would change nothing
    if (status.stale <= status.unopenable) break;
  }
  // an unreadable value stays unreadable whatever the pass: counted once, from the final figures
  for (const c of SEALED_COLUMNS) totals.get(c)!.unreadable = countUnopenable(status!, c, cipher);
  return {
    columns: SEALED_COLUMNS.map((c) => ({ table: c.table, column: c.column, ...totals.get(c)! })),
    remaining: status!.stale,
  };
}

function countUnopenable(status: KeyStatus, c: SealedColumn, cipher: PersonalDataCipher): number {
  const col = status.columns.find((x) => x.table === c.table && x.column === c.column);
  return Object.entries(col?.byKey ?? {})
    .filter(([k]) => !cipher.keyIds.includes(k))
    .reduce((a, [, n]) => a + n, 0);
}

/**
 * Fills in the ID number's blind index for rows sealed before it existed (0008), a batch at a time; returns how
 * many it filled. Guarded like the rotation: only where the hash is still missing and the value still the one read.
 */
export async function backfillIdHashes(db: Kysely<DB>, cipher: PersonalDataCipher, limit = 500): Promise<number> {
  const rows = await db
    .selectFrom('service_requests')
    .select(['id', 'requester_id_enc'])
    .where('requester_id_enc', 'is not', null)
    .where('requester_id_hash', 'is', null)
    .limit(limit)
    .execute();
  let filled = 0;
  for (const r of rows) {
    let plain: string;
    try {
      plain = cipher.decrypt(r.requester_id_enc!);
    } catch {
      continue;
    }
    const done = await db
      .updateTable('service_requests')
      .set({ requester_id_hash: cipher.hash(plain) })
      .where('id', '=', r.id)
      .where('requester_id_hash', 'is', null)
      .where('requester_id_enc', '=', r.requester_id_enc)
      .executeTakeFirst();
    filled += Number(done.numUpdatedRows);
  }
  return filled;
}
