import { sql, type Kysely } from 'kysely';
import type { DB, KbKind, KbStatus } from '../../db/schema.js';
import { AppError, notFound } from '../../http/errors.js';
import { can, requirePermission, type Actor } from '../auth/actor.js';
import { audit } from '../audit/audit.service.js';
import { loadScoped, type RequestDeps } from '../requests/requests.service.js';
import { anonymise, personalDataIn } from './anonymise.js';
import { resolveCitations } from './search.service.js';
import { reindexArticles } from './library.js';
import { indexDocs } from './search-index.js';

/*
 * The staff side of the Q&A and guides library: writing (draft → review → published → archived), drafting a
 * Q&A from an answered online consultation (anonymised), and publishing with a check for personal data left.
 * Imported entries keep their licence: a restricted one is never published.
 */

export interface EntryInput {
  kind: KbKind;
  title: string;
  body: string;
  serviceItem?: string | null | undefined;
  refs?: number[] | undefined;
}

export interface EntryView {
  id: number;
  kind: KbKind;
  title: string;
  body: string;
  status: KbStatus;
  origin: string;
  answerBy: string;
  license: string;
  serviceItem: string | null;
  fromRequestId: string | null;
  refs: { articleId: number; law: string; article: string }[];
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  version: number;
  /** what this user may do with it now */
  allowedActions: ('edit' | 'submit' | 'publish' | 'archive')[];
}

function requireEditor(actor: Actor) {
  if (!can(actor, 'knowledge.edit') && !can(actor, 'knowledge.publish')) throw new AppError('FORBIDDEN', { permission: 'knowledge.edit' });
}

function actionsFor(actor: Actor, status: KbStatus, origin: string): EntryView['allowedActions'] {
  const out: EntryView['allowedActions'] = [];
  const editor = can(actor, 'knowledge.edit') || can(actor, 'knowledge.publish');
  if (editor && (status === 'draft' || status === 'review' || (status === 'published' && can(actor, 'knowledge.publish'))))
    out.push('edit');
  if (editor && status === 'draft') out.push('submit');
  if (can(actor, 'knowledge.publish') && (status === 'draft' || status === 'review') && origin !== 'evaluation') out.push('publish');
  if (can(actor, 'knowledge.publish') && status === 'published') out.push('archive');
  return out;
}

export async function getEntryForStaff(db: Kysely<DB>, actor: Actor, id: number): Promise<EntryView> {
  requireEditor(actor);
  const e = await db.selectFrom('kb_entries').selectAll().where('id', '=', id).where('origin', '!=', 'evaluation').executeTakeFirst();
  if (!e) throw notFound();
  const refs = await db
    .selectFrom('kb_entry_refs as r')
    .innerJoin('law_articles as a', 'a.id', 'r.article_id')
    .innerJoin('laws as l', 'l.id', 'a.law_id')
    .select(['a.id', 'l.name', 'a.article'])
    .where('r.entry_id', '=', id)
    .orderBy('a.law_id')
    .orderBy('a.seq')
    .execute();
  return {
    id: e.id,
    kind: e.kind,
    title: e.title,
    body: e.body,
    status: e.status,
    origin: e.origin,
    answerBy: e.answer_by,
    license: e.license,
    serviceItem: e.service_item,
    fromRequestId: e.from_request_id,
    refs: refs.map((r) => ({ articleId: r.id, law: r.name, article: r.article })),
    createdAt: e.created_at.toISOString(),
    updatedAt: e.updated_at.toISOString(),
    publishedAt: e.published_at?.toISOString() ?? null,
    version: e.version,
    allowedActions: actionsFor(actor, e.status, e.origin),
  };
}

export async function listEntriesForStaff(
  db: Kysely<DB>,
  actor: Actor,
  filter: {
    status?: KbStatus | undefined;
    kind?: KbKind | undefined;
    origin?: string | undefined;
    q?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  requireEditor(actor);
  let q = db.selectFrom('kb_entries').where('origin', '!=', 'evaluation');
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.origin) q = q.where('origin', '=', filter.origin as never);
  if (filter.q?.trim()) {
    const like = `%${filter.q.trim().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) => eb.or([eb('title', 'like', like), eb('body', 'like', like)]));
  }
  const [rows, total] = await Promise.all([
    q
      .select(['id', 'kind', 'title', 'status', 'origin', 'answer_by', 'license', 'updated_at', 'published_at'])
      .orderBy(sql`case status when 'review' then 0 when 'draft' then 1 else 2 end`)
      .orderBy('updated_at', 'desc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      status: r.status,
      origin: r.origin,
      answerBy: r.answer_by,
      license: r.license,
      updatedAt: r.updated_at.toISOString(),
      publishedAt: r.published_at?.toISOString() ?? null,
    })),
    total: Number(total.n),
    page: filter.page,
    pageSize: filter.pageSize,
  };
}

async function checkRefs(db: Kysely<DB>, refs: readonly number[]) {
  if (!refs.length) return;
  const found = await db.selectFrom('law_articles').select('id').where('id', 'in', refs).execute();
  if (found.length !== new Set(refs).size) throw new AppError('KB_REF_INVALID', { refs });
}

async function setRefs(db: Kysely<DB>, entryId: number, refs: readonly number[]): Promise<number[]> {
  const before = (await db.selectFrom('kb_entry_refs').select('article_id').where('entry_id', '=', entryId).execute()).map(
    (r) => r.article_id,
  );
  await db.deleteFrom('kb_entry_refs').where('entry_id', '=', entryId).execute();
  if (refs.length)
    await db
      .insertInto('kb_entry_refs')
      .values([...new Set(refs)].map((article_id) => ({ entry_id: entryId, article_id })))
      .execute();
  return [...new Set([...before, ...refs])];
}

/** The entry's own search document, and the articles it cites (their index carries its question). */
async function reindexEntry(db: Kysely<DB>, id: number, touched: readonly number[]) {
  const e = await db
    .selectFrom('kb_entries')
    .select(['id', 'kind', 'title', 'body', 'status'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  await indexDocs(db, [{ kind: e.kind, sourceId: e.id, text: `${e.title}\n${e.body}`, visible: e.status === 'published' }]);
  await reindexArticles(db, touched);
}

export async function createEntry(db: Kysely<DB>, actor: Actor, input: EntryInput): Promise<EntryView> {
  requireEditor(actor);
  await checkRefs(db, input.refs ?? []);
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('kb_entries')
      .values({
        kind: input.kind,
        title: input.title,
        body: input.body,
        answer_by: actor.displayName,
        license: '本平台',
        origin: 'staff',
        status: 'draft',
        service_item: input.serviceItem || null,
        created_by: actor.id,
        reviewed_by: null,
        published_at: null,
        external_id: null,
        from_request_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await setRefs(trx, row.id, input.refs ?? []);
    await reindexEntry(trx, row.id, []);
    await audit(trx, actor, { action: 'knowledge.create', entityType: 'kbEntry', entityId: String(row.id), regionCode: actor.regionCode });
    return row.id;
  });
  return getEntryForStaff(db, actor, id);
}

export async function updateEntry(
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  input: Partial<Omit<EntryInput, 'kind'>> & { version: number },
): Promise<EntryView> {
  const current = await getEntryForStaff(db, actor, id);
  if (!current.allowedActions.includes('edit')) throw new AppError('KB_ENTRY_STATE', { status: current.status });
  if (input.refs) await checkRefs(db, input.refs);
  await db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('kb_entries')
      .set({
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.body !== undefined ? { body: input.body } : {}),
        ...(input.serviceItem !== undefined ? { service_item: input.serviceItem || null } : {}),
        version: sql`version + 1`,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw new AppError('VERSION_CONFLICT', { currentVersion: current.version });
    const touched = input.refs ? await setRefs(trx, id, input.refs) : current.refs.map((r) => r.articleId);
    await reindexEntry(trx, id, current.status === 'published' ? touched : []);
    await audit(trx, actor, {
      action: 'knowledge.edit',
      entityType: 'kbEntry',
      entityId: String(id),
      regionCode: actor.regionCode,
      before: { title: current.title },
      after: { title: input.title ?? current.title },
    });
  });
  return getEntryForStaff(db, actor, id);
}

async function move(db: Kysely<DB>, actor: Actor, id: number, version: number, action: 'submit' | 'publish' | 'archive') {
  const current = await getEntryForStaff(db, actor, id);
  if (!current.allowedActions.includes(action)) {
    if (action !== 'submit' && !can(actor, 'knowledge.publish')) throw new AppError('FORBIDDEN', { permission: 'knowledge.publish' });
    throw new AppError('KB_ENTRY_STATE', { status: current.status });
  }
  if (action === 'publish') {
    // imported material keeps its licence: a restricted entry stays restricted
    if (current.origin === 'imported' && !/^MIT\b/i.test(current.license))
      throw new AppError('KB_ENTRY_STATE', { license: current.license });
    const left = personalDataIn(`${current.title}\n${current.body}`);
    // the reviewer is shown what is left, to find it
    if (left.length) throw new AppError('KB_PERSONAL_DATA', { found: left.length, values: left });
  }
  const to: KbStatus = action === 'submit' ? 'review' : action === 'publish' ? 'published' : 'archived';
  await db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('kb_entries')
      .set({
        status: to,
        version: sql`version + 1`,
        updated_at: new Date(),
        ...(action === 'publish' ? { published_at: new Date(), reviewed_by: actor.id } : {}),
      })
      .where('id', '=', id)
      .where('version', '=', version)
      .where('status', '=', current.status)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw new AppError('VERSION_CONFLICT', { currentVersion: current.version });
    await reindexEntry(
      trx,
      id,
      current.refs.map((r) => r.articleId),
    );
    await audit(trx, actor, {
      action: `knowledge.${action}`,
      entityType: 'kbEntry',
      entityId: String(id),
      regionCode: actor.regionCode,
      before: { status: current.status },
      after: { status: to },
    });
  });
  return getEntryForStaff(db, actor, id);
}

export const submitEntry = (db: Kysely<DB>, actor: Actor, id: number, version: number) => move(db, actor, id, version, 'submit');
export const publishEntry = (db: Kysely<DB>, actor: Actor, id: number, version: number) => move(db, actor, id, version, 'publish');
export const archiveEntry = (db: Kysely<DB>, actor: Actor, id: number, version: number) => move(db, actor, id, version, 'archive');

/**
 * A Q&A drafted from an answered online consultation: the question and the answer (with the follow-ups),
 * anonymised, for review. One draft per consultation.
 */
export async function draftFromConsultation(deps: RequestDeps, actor: Actor, requestId: string): Promise<EntryView> {
  requirePermission(actor, 'knowledge.edit');
  const r = await loadScoped(deps, actor, requestId);
  if (r.service_item !== 'consultation') throw new AppError('NOT_A_CONSULTATION');
  if (r.status !== 'concluded' || !r.result) throw new AppError('KB_CONSULTATION_NOT_ANSWERED');
  const existing = await deps.db.selectFrom('kb_entries').select('id').where('from_request_id', '=', r.id).executeTakeFirst();
  if (existing) return getEntryForStaff(deps.db, actor, existing.id);
  const messages = await deps.db
    .selectFrom('consultation_messages')
    .select(['author', 'body'])
    .where('request_id', '=', r.id)
    .orderBy('id')
    .execute();
  const known = { name: r.requester_name, address: r.requester_address_enc ? deps.cipher.decrypt(r.requester_address_enc) : null };
  const question = anonymise(r.description, known);
  const answer = anonymise(
    [r.result, ...messages.map((m) => `${m.author === 'citizen' ? '追问' : '答复'}：${m.body}`)].join('\n\n'),
    known,
  );
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('kb_entries')
      .values({
        kind: 'qa',
        title: question,
        body: answer,
        answer_by: r.handler_name ?? actor.displayName,
        license: '本平台',
        origin: 'consultation',
        status: 'review',
        service_item: 'consultation',
        created_by: actor.id,
        reviewed_by: null,
        published_at: null,
        external_id: null,
        from_request_id: r.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // the articles the answer names become its citations
    const cited = await resolveCitations(trx, answer);
    if (cited.length)
      await setRefs(
        trx,
        row.id,
        cited.map((c) => c.id),
      );
    await reindexEntry(trx, row.id, []);
    await audit(trx, actor, {
      action: 'knowledge.draftFromConsultation',
      entityType: 'kbEntry',
      entityId: String(row.id),
      regionCode: r.region_code,
      after: { requestId: r.id },
    });
    return row.id;
  });
  return getEntryForStaff(deps.db, actor, id);
}
