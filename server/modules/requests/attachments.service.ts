import { createHash } from 'node:crypto';
import { AppError, notFound } from '../../http/errors.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { audit } from '../audit/audit.service.js';
import { insertEvent } from './requests.repository.js';
import { loadScoped, type RequestDeps } from './requests.service.js';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_REQUEST = 20;

/** The type the bytes say (magic numbers); a renamed .exe stays refused whatever its name or declared type. */
export function sniffType(bytes: Buffer): { contentType: string; extension: string } | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return { contentType: 'image/jpeg', extension: 'jpg' };
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return { contentType: 'image/png', extension: 'png' };
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return { contentType: 'application/pdf', extension: 'pdf' };
  if (starts(0x50, 0x4b, 0x03, 0x04)) {
    // an Office Open XML file is a zip whose entries name word/ or xl/
    const head = bytes.subarray(0, Math.min(bytes.length, 64 * 1024)).toString('latin1');
    if (head.includes('word/'))
      return { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' };
    if (head.includes('xl/'))
      return { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' };
  }
  return null;
}

/** A file name safe to store and to send back in Content-Disposition: no path, no control characters. */
export function safeFilename(name: string, extension: string): string {
  const base = [...(name.split(/[\\/]/).pop() ?? '')]
    .filter((c) => c.charCodeAt(0) > 0x1f && c.charCodeAt(0) !== 0x7f && !'"<>|:*?'.includes(c))
    .join('')
    .trim()
    .slice(0, 100);
  const stem = base.replace(/\.[^.]*$/, '') || '附件';
  return `${stem}.${extension}`;
}

async function store(
  deps: RequestDeps,
  requestId: string,
  file: { filename: string; data: Buffer },
  by: { actor: Actor | null; citizen: boolean },
) {
  const type = sniffType(file.data);
  if (!type) throw new AppError('ATTACHMENT_TYPE_REFUSED');
  const count = await deps.db
    .selectFrom('request_attachments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('request_id', '=', requestId)
    .executeTakeFirstOrThrow();
  if (Number(count.n) >= MAX_ATTACHMENTS_PER_REQUEST) throw new AppError('ATTACHMENT_LIMIT');
  const filename = safeFilename(file.filename, type.extension);
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('request_attachments')
      .values({
        request_id: requestId,
        filename,
        content_type: type.contentType,
        size: file.data.length,
        sha256: createHash('sha256').update(file.data).digest('hex'),
        data: file.data,
        uploaded_by: by.actor?.id ?? null,
        by_citizen: by.citizen,
      })
      .returning(['id', 'filename', 'content_type', 'size', 'created_at'])
      .executeTakeFirstOrThrow();
    await insertEvent(trx, {
      requestId,
      actor: by.actor,
      type: 'attachmentAdded',
      from: null,
      to: null,
      data: { filename, byCitizen: by.citizen },
      // the citizen's own upload is a line on their page; a file staff add is the office's own record
      public: by.citizen,
    });
    return {
      id: row.id,
      filename: row.filename,
      contentType: row.content_type,
      size: row.size,
      createdAt: row.created_at.toISOString(),
      byCitizen: by.citizen,
    };
  });
}

export async function attachByStaff(deps: RequestDeps, actor: Actor, requestId: string, file: { filename: string; data: Buffer }) {
  const row = await loadScoped(deps, actor, requestId);
  requirePermission(actor, 'requests.handle');
  const saved = await store(deps, requestId, file, { actor, citizen: false });
  await audit(deps.db, actor, {
    action: 'request.attach',
    entityType: 'serviceRequest',
    entityId: requestId,
    regionCode: row.region_code,
    after: { filename: saved.filename },
  });
  return saved;
}

/** The citizen supplies materials (补正) from the tracking page; the request must be theirs and still open. */
export async function attachByCitizen(deps: RequestDeps, requestId: string, status: string, file: { filename: string; data: Buffer }) {
  if (status === 'concluded' || status === 'withdrawn') throw new AppError('INVALID_TRANSITION', { status });
  return store(deps, requestId, file, { actor: null, citizen: true });
}

export async function listAttachments(deps: RequestDeps, actor: Actor, requestId: string) {
  await loadScoped(deps, actor, requestId);
  const rows = await deps.db
    .selectFrom('request_attachments')
    .select(['id', 'filename', 'content_type', 'size', 'created_at', 'by_citizen'])
    .where('request_id', '=', requestId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    filename: r.filename,
    contentType: r.content_type,
    size: r.size,
    createdAt: r.created_at.toISOString(),
    byCitizen: r.by_citizen,
  }));
}

export async function readAttachment(deps: RequestDeps, actor: Actor, requestId: string, attachmentId: string) {
  const request = await loadScoped(deps, actor, requestId);
  const row = await deps.db
    .selectFrom('request_attachments')
    .select(['filename', 'content_type', 'data'])
    .where('id', '=', attachmentId)
    .where('request_id', '=', requestId)
    // its bytes were deleted when its retention period ended (privacy/sweep.ts)
    .where('purged_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw notFound();
  // materials hold personal data: every download is on the record
  await audit(deps.db, actor, {
    action: 'personal.view',
    entityType: 'requestAttachment',
    entityId: attachmentId,
    regionCode: request.region_code,
  });
  return { filename: row.filename, contentType: row.content_type, data: Buffer.from(row.data) };
}
