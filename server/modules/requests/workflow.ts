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
 */
export const ACTIONS = ['dispatch', 'accept', 'return', 'transfer', 'requestMaterials', 'resume', 'conclude'] as const;
export type Action = (typeof ACTIONS)[number];

export const TRANSITIONS: Record<Action, { from: readonly RequestStatus[]; to: RequestStatus }> = {
  dispatch: { from: ['submitted'], to: 'dispatched' },
  accept: { from: ['dispatched'], to: 'accepted' },
  return: { from: ['dispatched'], to: 'submitted' },
  transfer: { from: ['dispatched', 'accepted'], to: 'dispatched' },
  requestMaterials: { from: ['accepted'], to: 'awaitingMaterials' },
  resume: { from: ['awaitingMaterials'], to: 'accepted' },
  conclude: { from: ['submitted', 'accepted'], to: 'concluded' },
};

export interface WorkflowFacts {
  status: RequestStatus;
  owner_id: string | null;
  received_site_id: string | null;
  handler_site_id: string | null;
  handler_post: string | null;
  handler_id: string | null;
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

export function allowedActions(actor: Actor, r: WorkflowFacts): Action[] {
  if (!can(actor, 'requests.handle') || r.aid_case_id) return [];
  return ACTIONS.filter((a) => TRANSITIONS[a].from.includes(r.status) && mayTake(actor, r));
}

export function validIn(action: Action, status: RequestStatus): boolean {
  return TRANSITIONS[action].from.includes(status);
}
