import { sql } from 'kysely';
import type { RequestStatus } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import { audit } from '../audit/audit.service.js';
import type { Pause, Policy } from '../timelimits/rules.js';
import { insertEvent, type RequestRow } from './requests.repository.js';
import { notifyForAction } from '../notify/request-notices.js';
import type { Holding } from '../notify/recipients.js';
import { deadlineFrom, tellCitizen } from './intake.service.js';
import { getRequest, loadScoped, type RequestDeps, type RequestView } from './requests.service.js';
import { allowedActions, nextStatus, SUPERVISORY, validIn, type Action } from './workflow.js';
import { requireHandlerAt, staffedPost } from './staffing.js';

export type ActionInput =
  | { action: 'dispatch'; siteId: string; post?: string | undefined; handlerId?: string | undefined; note?: string | undefined }
  | { action: 'transfer'; siteId: string; post?: string | undefined; handlerId?: string | undefined; reason: string }
  | { action: 'accept'; note?: string | undefined }
  | { action: 'return'; reason: string }
  | { action: 'requestMaterials'; items: string[]; note?: string | undefined }
  | { action: 'resume'; note?: string | undefined }
  | { action: 'conclude'; result: string }
  | { action: 'takeOver'; reason: string }
  | { action: 'reassign'; siteId: string; post?: string | undefined; handlerId?: string | undefined; reason: string };

interface Change {
  set: Record<string, unknown>;
  event: { type: string; note?: string; data?: unknown; public?: boolean };
}

type StoredPause = { from: string; to?: string | null };
const toPauses = (stored: unknown): Pause[] =>
  ((stored as StoredPause[] | null) ?? []).map((p) => ({ from: new Date(p.from), to: p.to ? new Date(p.to) : null }));

/**
 * Where a request is sent: a site of its county; the person named (if any) works there and handles requests;
 * and the post is one someone active there holds (an administrator there acts for any post) — so nothing is
 * sent where nobody can take it (DISPATCH_POST_UNSTAFFED).
 */
async function target(
  deps: RequestDeps,
  row: RequestRow,
  to: { siteId: string; post?: string | undefined; handlerId?: string | undefined },
) {
  const site = await deps.db.selectFrom('sites').select(['id', 'name', 'region_code']).where('id', '=', to.siteId).executeTakeFirst();
  if (!site || !site.region_code.startsWith(row.region_code.slice(0, 6)))
    throw new AppError('DISPATCH_TARGET_INVALID', { siteId: to.siteId });
  if (to.handlerId) await requireHandlerAt(deps.db, site.id, to.handlerId);
  // a named person takes it whatever the post; without one, the post must be staffed
  const post = to.handlerId ? (to.post ?? row.handler_post ?? null) : await staffedPost(deps.db, site.id, to.post, row.handler_post);
  return { site, post };
}

async function changeFor(deps: RequestDeps, actor: Actor, row: RequestRow, input: ActionInput, now: Date): Promise<Change> {
  switch (input.action) {
    case 'dispatch':
    case 'transfer':
    case 'reassign': {
      const { site, post } = await target(deps, row, input);
      if (input.action === 'transfer' && site.id === row.handler_site_id && !input.handlerId) {
        throw new AppError('DISPATCH_TARGET_INVALID', { reason: 'already there' });
      }
      const unchanged =
        row.status === 'dispatched' &&
        site.id === row.handler_site_id &&
        post === row.handler_post &&
        (input.handlerId ?? null) === row.handler_id;
      if (input.action === 'reassign' && unchanged) throw new AppError('DISPATCH_TARGET_INVALID', { reason: 'already there' });
      return {
        set: {
          handler_site_id: site.id,
          handler_region_code: site.region_code,
          handler_post: post,
          handler_id: input.handlerId ?? null,
          dispatched_at: now,
          accepted_at: null,
        },
        event: {
          type: { dispatch: 'dispatched', transfer: 'transferred', reassign: 'reassigned' }[input.action],
          note: input.action === 'dispatch' ? (input.note ?? '') : input.reason,
          data: { siteName: site.name, siteId: site.id, ...(post ? { post } : {}) },
        },
      };
    }
    case 'takeOver':
      // the overseer becomes the one responsible, at their own site; a paused request stays paused
      return {
        set: {
          handler_id: actor.id,
          owner_id: actor.id,
          handler_site_id: actor.siteId,
          handler_region_code: actor.regionCode,
          handler_post: null,
          dispatched_at: row.dispatched_at ?? now,
          accepted_at: row.accepted_at ?? now,
        },
        event: {
          type: 'takenOver',
          note: input.reason,
          data: {
            siteName: actor.siteName,
            siteId: actor.siteId,
            previous: { siteName: row.handler_site_name ?? row.received_site_name, handlerName: row.handler_name ?? row.owner_name },
          },
          // taken over while paused, nothing changes for the citizen (no text, so no line on their page either)
          public: row.status !== 'awaitingMaterials',
        },
      };
    case 'accept':
      // responsibility passes from the first responder to the handler who accepts
      return {
        set: { handler_id: actor.id, owner_id: actor.id, accepted_at: now },
        // the citizen's page says who took it on
        event: { type: 'accepted', note: input.note ?? '', data: { siteName: actor.siteName } },
      };
    case 'return':
      // back to the first responder, who stays responsible (首问负责)
      return {
        set: {
          handler_site_id: null,
          handler_region_code: null,
          handler_post: null,
          handler_id: null,
          owner_id: row.owner_id,
          dispatched_at: null,
        },
        event: { type: 'returned', note: input.reason, public: false },
      };
    case 'requestMaterials': {
      const pauses = [...((row.pauses as StoredPause[] | null) ?? []), { from: now.toISOString() }];
      return {
        // the clock stops: no due date, and no due-soon or overdue flag while the citizen gathers materials
        set: { pauses: JSON.stringify(pauses), missing_materials: JSON.stringify(input.items), due_at: null, due_state: 'normal' },
        event: { type: 'materialsRequested', note: input.note ?? '', data: { items: input.items } },
      };
    }
    case 'resume': {
      const stored = (row.pauses as StoredPause[] | null) ?? [];
      const pauses = stored.map((p, i) => (i === stored.length - 1 && !p.to ? { ...p, to: now.toISOString() } : p));
      const { dueAt, state } = await deadlineFrom(deps.db, row.time_limit as Policy, row.started_at, toPauses(pauses), now);
      return {
        set: { pauses: JSON.stringify(pauses), missing_materials: null, due_at: dueAt, due_state: state },
        event: { type: 'resumed', note: input.note ?? '', data: { dueAt: dueAt?.toISOString() ?? null } },
      };
    }
    case 'conclude':
      return {
        set: {
          result: input.result,
          concluded_at: now,
          handler_id: row.handler_id ?? actor.id,
          handler_site_id: row.handler_site_id ?? actor.siteId,
          accepted_at: row.accepted_at ?? now,
        },
        event: { type: 'concluded', note: input.result },
      };
  }
}

/**
 * The steps the citizen hears about (结果及时反馈); the others are the back office's own business. One line on
 * their tracking page, one text: every public step here has a message, and a step without one (return) is not
 * public. Routing a desk's request on is news like a transfer ("已转交 X 办理").
 */
const CITIZEN_MESSAGES: Partial<Record<Action, string>> = {
  dispatch: 'requestTransferred',
  accept: 'requestAccepted',
  transfer: 'requestTransferred',
  requestMaterials: 'materialsRequested',
  resume: 'requestResumed',
  conclude: 'requestConcluded',
  takeOver: 'requestAccepted',
  reassign: 'requestTransferred',
};

function citizenExtras(input: ActionInput, change: Change): Record<string, string> {
  if (input.action === 'requestMaterials') return { items: input.items.join('、') };
  const data = change.event.data as { siteName?: string } | undefined;
  return data?.siteName ? { site: data.siteName } : {};
}

/**
 * One step of the workflow, always the same way: scoped load (404 outside), the state and the actor checked
 * against the workflow table, then one transaction that updates the row only if it is still in the state and
 * version we read (so of two people acting at once exactly one wins; the other gets 409), writes the
 * timeline and the audit row.
 */
export async function act(deps: RequestDeps, actor: Actor, id: string, input: ActionInput, expectedVersion?: number): Promise<RequestView> {
  requirePermission(actor, 'requests.handle');
  if (SUPERVISORY.includes(input.action)) requirePermission(actor, 'requests.supervise');
  const row = await loadScoped(deps, actor, id);
  const action: Action = input.action;
  if (!validIn(action, row.status)) throw new AppError('INVALID_TRANSITION', { action, status: row.status });
  if (!allowedActions(actor, row).includes(action)) throw new AppError('FORBIDDEN', { action });
  if (expectedVersion !== undefined && expectedVersion !== row.version)
    throw new AppError('VERSION_CONFLICT', { currentVersion: row.version });
  const now = new Date();
  const change = await changeFor(deps, actor, row, input, now);
  const to: RequestStatus = nextStatus(action, row.status);
  await deps.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('service_requests')
      .set({ ...change.set, status: to, version: sql`version + 1`, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', row.status)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new AppError('VERSION_CONFLICT', { action });
    await insertEvent(trx, {
      requestId: id,
      actor,
      type: change.event.type,
      from: row.status,
      to,
      note: change.event.note,
      data: change.event.data,
      public: change.event.public ?? true,
    });
    // whoever the request now waits on (a site's post, a person, the desk it came back to) is told
    await notifyForAction(trx, actor, row, { ...row, ...change.set, status: to } as Holding, change.event);
    // a request taken over while paused: nothing changes for the citizen, who still gathers the materials
    // a public step is a line on the citizen's page and comes with its text; a staff-only one with none
    const message = change.event.public === false ? undefined : CITIZEN_MESSAGES[action];
    if (message) {
      const r = {
        id,
        trackingNo: row.tracking_no,
        phone: deps.cipher.openOrEmpty(row.requester_phone_enc),
        itemName: row.service_item_name,
        status: to,
      };
      await tellCitizen(deps, trx, r, message, citizenExtras(input, change));
    }
    await audit(trx, actor, {
      action: `request.${action}`,
      entityType: 'serviceRequest',
      entityId: id,
      regionCode: row.region_code,
      before: { status: row.status, version: row.version },
      after: { status: to, ...(change.event.note ? { note: change.event.note } : {}) },
    });
  });
  return getRequest(deps, actor, id);
}
