import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { PersonalDataCipher } from '../../security/personal-data.js';
import type { ChannelAdapter } from './adapters.js';

export type OutboxChannel = 'sms' | 'webhook' | 'console';

export interface OutboxEntry {
  requestId: string | null;
  channel: OutboxChannel;
  /** plain phone number; sealed before it is stored */
  recipient?: string | undefined;
  template: string;
  payload: Record<string, unknown>;
}

/** Writes messages in the caller's transaction: they exist exactly when the change they tell about does. */
export async function enqueue(trx: Kysely<DB> | Transaction<DB>, cipher: PersonalDataCipher, entries: OutboxEntry[]): Promise<void> {
  if (!entries.length) return;
  await trx
    .insertInto('outbox')
    .values(
      entries.map((e) => ({
        request_id: e.requestId,
        channel: e.channel,
        recipient_enc: e.recipient ? cipher.encrypt(e.recipient) : null,
        template: e.template,
        payload: JSON.stringify(e.payload),
      })),
    )
    .execute();
}

export const MAX_ATTEMPTS = 8;
// long enough for a whole batch even when a provider is slow (the SDK waits at most ~15 s a message)
const LEASE_SECONDS = 600;

/** 30 s, 1 min, 2 min … capped at one hour. */
export function backoffSeconds(attempt: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempt - 1));
}

export interface DeliveryReport {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
}

/**
 * Sends what is due. Each instance claims a batch with FOR UPDATE SKIP LOCKED and a lease, so two instances
 * never take the same message; a process that dies mid-send leaves the lease to expire and the message is
 * taken again. That is at-least-once: a crash between the provider's acceptance and our `sent` mark can send a
 * message twice (the webhook carries `X-LegalHub-Delivery` for the receiver to drop repeats; an SMS its OutId).
 */
export async function deliverDue(
  db: Kysely<DB>,
  cipher: PersonalDataCipher,
  adapters: Partial<Record<OutboxChannel, ChannelAdapter>>,
  batch = 20,
): Promise<DeliveryReport> {
  const claimed = await db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('outbox')
      .select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', sql<Date>`now()`)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', sql<Date>`now()`)]))
      .orderBy('id')
      .limit(batch)
      .forUpdate()
      .skipLocked()
      .execute();
    if (!due.length) return [];
    return trx
      .updateTable('outbox')
      .set({ locked_until: sql`now() + make_interval(secs => ${LEASE_SECONDS})`, attempts: sql`attempts + 1` })
      .where(
        'id',
        'in',
        due.map((d) => d.id),
      )
      .returningAll()
      .execute();
  });
  const report: DeliveryReport = { claimed: claimed.length, sent: 0, retried: 0, failed: 0 };
  // a text to a staff member goes to their phone of the moment
  const staffIds = [...new Set(claimed.map((m) => m.recipient_staff_id).filter((x): x is string => Boolean(x)))];
  const staffPhones = new Map(
    staffIds.length
      ? (await db.selectFrom('staff').select(['id', 'phone', 'status']).where('id', 'in', staffIds).execute()).map((s) => [
          s.id,
          s.status === 'active' ? s.phone : '',
        ])
      : [],
  );
  for (const m of claimed) {
    const adapter = adapters[m.channel];
    try {
      if (!adapter) throw new Error(`no adapter for ${m.channel}`);
      const recipient = m.recipient_enc
        ? cipher.decrypt(m.recipient_enc)
        : m.recipient_staff_id
          ? staffPhones.get(m.recipient_staff_id)
          : '';
      if (m.recipient_staff_id && !recipient) throw new Error('the staff member has no phone to text (or has left)');
      const { providerId } = await adapter.send({
        id: Number(m.id),
        template: m.template,
        recipient: recipient ?? '',
        payload: m.payload as Record<string, unknown>,
      });
      await db
        .updateTable('outbox')
        .set({ status: 'sent', sent_at: new Date(), provider_id: providerId ?? null, locked_until: null, last_error: null })
        .where('id', '=', m.id)
        .execute();
      report.sent++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const give_up = m.attempts >= MAX_ATTEMPTS;
      await db
        .updateTable('outbox')
        .set({
          status: give_up ? 'failed' : 'pending',
          last_error: message.slice(0, 500),
          locked_until: null,
          next_attempt_at: sql`now() + make_interval(secs => ${backoffSeconds(m.attempts)})`,
        })
        .where('id', '=', m.id)
        .execute();
      if (give_up) report.failed++;
      else report.retried++;
    }
  }
  return report;
}
