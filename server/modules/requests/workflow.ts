import type { RequestStatus } from '../../db/schema.js';
import { can, type Actor } from '../auth/actor.js';

/**
 * The request workflow in one place: which action moves a request from which state, and who may take it.
 * Every answer about a request carries `allowedActions(actor, request)`, so the workbench never re-implements
 * these rules.
 *
 *   submitted ──dispatch──► dispatched ──accept──► accepted ──conclude──► concluded
 *       ▲  └──conclude (answered on the spot)──────────────────────────────▲
 *       └──────return─────────┘   ▲ └──transfer──┐      │ ▲
 *                                 └──────────────┘  requestMaterials │ resume
 *                                                        ▼ │
 *                                                awaitingMaterials (clock paused)
 *
 * No dead ends: whatever befalls the people a request waits for (a post nobody holds, a handler disabled), an
 * administrator or supervisor over the site holding it can take it over (they become its handler) or reassign it
 * (send it to another site, post or person), from any open state — SUPERVISORY below.
 */
export const ACTIONS = [
  'dispatch',
  'accept',
  'return',
  'transfer',
  'requestMaterials',
  'resume',
  'conclude',
  'takeOver',
  'reassign',
] as const;
export type Action = (typeof ACTIONS)[number];

export const TRANSITIONS: Record<Action, { from: readonly RequestStatus[]; to: RequestStatus }> = {
  dispatch: { from: ['submitted'], to: 'dispatched' },
  accept: { from: ['dispatched'], to: 'accepted' },
  return: { from: ['dispatched'], to: 'submitted' },
  transfer: { from: ['dispatched', 'accepted'], to: 'dispatched' },
  requestMaterials: { from: ['accepted'], to: 'awaitingMaterials' },
  resume: { from: ['awaitingMaterials'], to: 'accepted' },
  conclude: { from: ['submitted', 'accepted'], to: 'concluded' },
  // a request paused for the citizen's materials stays paused under its new handler (see nextStatus)
  takeOver: { from: ['submitted', 'dispatched', 'accepted', 'awaitingMaterials'], to: 'accepted' },
  // a paused one is taken over first: the clock's pause belongs to its handler, who resumes it
  reassign: { from: ['submitted', 'dispatched', 'accepted'], to: 'dispatched' },
};

/** The steps of those who oversee the site holding a request (requests.supervise), not of its desk or handler. */
export const SUPERVISORY: readonly Action[] = ['takeOver', 'reassign'];

/** The state an action leaves a request in (a paused request taken over stays paused). */
export function nextStatus(action: Action, from: RequestStatus): RequestStatus {
  if (action === 'takeOver' && from === 'awaitingMaterials') return from;
  return TRANSITIONS[action].to;
}

export interface WorkflowFacts {
  status: RequestStatus;
  owner_id: string | null;
  received_site_id: string | null;
  handler_site_id: string | null;
  handler_post: string | null;
  handler_id: string | null;
  /** where the sites receiving and handling it are (the holding site's overseers may take it over) */
  received_region_code: string | null;
  handler_region_code: string | null;
  region_code: string;
  /** a legal aid application: its case has its own steps (modules/legalaid), the generic ones do not apply */
  aid_case_id: string | null;
}

/** The desk that holds a request nobody has taken yet: its first responder, or any staff of the receiving site. */
function holdsAtDesk(actor: Actor, r: WorkflowFacts): boolean {
  return r.owner_id ? r.owner_id === actor.id : r.received_site_id === actor.siteId;
}

/** A request sent to a site waits for someone there with the post it was sent to (or the person named). */
function isAddressee(actor: Actor, r: WorkflowFacts): boolean {
  if (r.handler_site_id !== actor.siteId) return false;
  if (r.handler_id) return r.handler_id === actor.id;
  return !r.handler_post || actor.posts.some((p) => p === r.handler_post || p === 'admin');
}

function mayTake(actor: Actor, r: WorkflowFacts): boolean {
  switch (r.status) {
    case 'submitted':
      return holdsAtDesk(actor, r);
    case 'dispatched':
      return isAddressee(actor, r);
    case 'accepted':
    case 'awaitingMaterials':
      return r.handler_id === actor.id;
    default:
      return false;
  }
}

/** The region of the site that holds a request now: the handling site once sent on, else the receiving desk. */
function holdingRegion(r: WorkflowFacts): string {
  return (r.status === 'submitted' ? r.received_region_code : r.handler_region_code) ?? r.received_region_code ?? r.region_code;
}

/** An administrator or supervisor at the holding site or above it (as notify.supervisorsOver counts them). */
function oversees(actor: Actor, r: WorkflowFacts): boolean {
  return can(actor, 'requests.supervise') && holdingRegion(r).startsWith(actor.regionCode);
}

/**
 * The desk's and the handler's own steps; failing those, the overseer's (take over, reassign) — so whoever
 * oversees the holding site always has a step on an open request, and an ordinary step is never shown twice.
 */
export function allowedActions(actor: Actor, r: WorkflowFacts): Action[] {
  if (!can(actor, 'requests.handle') || r.aid_case_id) return [];
  const own = ACTIONS.filter((a) => !SUPERVISORY.includes(a) && TRANSITIONS[a].from.includes(r.status) && mayTake(actor, r));
  if (own.length || !oversees(actor, r)) return own;
  return SUPERVISORY.filter((a) => TRANSITIONS[a].from.includes(r.status));
}

export function validIn(action: Action, status: RequestStatus): boolean {
  return TRANSITIONS[action].from.includes(status);
}
