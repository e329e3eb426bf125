/**
 * The shapes of the 12348 hotline API (the duty roster and swaps, the call log, a call turned into a service request,
 * the month's figures), as the workbench's hotline pages use them. `HotlineContract` at the end fails the type check
 * when the server's services drift from these copies; it is type-only and never reaches a bundle.
 */
import type { CallOutcome as ServerCallOutcome, HotlineShift as ServerShift } from '../../../server/db/schema.js';
import type { CallInput, CallView, callToRequest, listCalls, monthFigures } from '../../../server/modules/hotline/calls.service.js';
import type {
  addToRoster,
  hotlineStaff,
  requestSwap,
  RosterEntry as ServerRosterEntry,
} from '../../../server/modules/hotline/roster.service.js';

export type HotlineShift = 'am' | 'pm';
export const SHIFTS: readonly HotlineShift[] = ['am', 'pm'];

/** How a call ended; `null` on a call while nobody has said yet (待补全). */
export type CallOutcome = 'answered' | 'transferred' | 'request' | 'missed' | 'abandoned';
export const CALL_OUTCOMES: readonly CallOutcome[] = ['answered', 'transferred', 'request', 'missed', 'abandoned'];
/** The list's outcome filter: an outcome, or `open` for the calls still to complete. */
export type CallOutcomeFilter = CallOutcome | 'open';

/**
 * 问题类别: the server keeps free text (40 characters); the workbench offers these codes and shows any other text
 * as it is.
 */
export const CALL_CATEGORIES = [
  'labour',
  'marriage',
  'property',
  'contract',
  'traffic',
  'injury',
  'consumer',
  'administrative',
  'criminal',
  'legalAid',
  'other',
] as const;
export type CallCategory = (typeof CALL_CATEGORIES)[number];

/** Where a call is usually passed on; anything else is the other agency's name. */
export const TRANSFER_TARGETS = ['12345', '110'] as const;

export interface HotlineCall {
  id: number;
  startedAt: string;
  endedAt: string | null;
  durationSeconds: number | null;
  /** masked (139****2222); '' when the number is not known */
  callerPhone: string;
  /** who took it; null on a call the telephony system could not put on anyone */
  staff: { id: string; name: string } | null;
  category: string | null;
  summary: string;
  answer: string;
  outcome: CallOutcome | null;
  transferredTo: string | null;
  requestId: string | null;
  trackingNo: string | null;
  satisfaction: number | null;
  version: number;
  /** the same number rang before */
  repeatCaller: boolean;
}

export interface HotlineCallList {
  items: HotlineCall[];
  hasMore: boolean;
  page: number;
  pageSize: number;
}

/** POST /hotline/calls: a call the lawyer took by hand. */
export interface HotlineCallBody {
  startedAt: string;
  durationSeconds?: number;
  callerPhone?: string;
  category?: string | null;
  summary?: string;
  answer?: string;
  outcome?: CallOutcome;
  transferredTo?: string | null;
  satisfaction?: number | null;
}

/** PATCH /hotline/calls/:id: completing a call, with the version the page saw. */
export type HotlineCallPatch = Omit<HotlineCallBody, 'startedAt'> & { version: number };

/** POST /hotline/calls/:id/request: the call becomes a service request on the hotline channel. */
export interface CallToRequestBody {
  version: number;
  serviceItem: string;
  name: string;
  /** the caller's number is used when this is left out */
  phone?: string;
  regionCode: string;
  description: string;
}

export interface HotlineStaff {
  id: string;
  name: string;
  phone: string;
}

export interface RosterEntry {
  id: number;
  /** YYYY-MM-DD */
  day: string;
  shift: HotlineShift;
  staff: HotlineStaff;
  /** a swap asked for and not yet answered */
  swap: { id: number; toStaffId: string; toName: string; reason: string; requestedBy: string } | null;
}

export interface RosterBody {
  day: string;
  shift: HotlineShift;
  staffId: string;
}

export interface SwapBody {
  toStaffId: string;
  reason: string;
}

export interface LawyerFigures {
  /** null: calls nobody was put on */
  staff: { id: string; name: string } | null;
  calls: number;
  /** answered, transferred or turned into a request */
  answered: number;
  /** missed or abandoned */
  missed: number;
  transferred: number;
  requests: number;
  /** 0–1, three decimals; null without answered or missed calls */
  answerRate: number | null;
  averageHandlingSeconds: number | null;
  /** average of the rated calls (1–5, two decimals) */
  satisfaction: number | null;
  rated: number;
}

export interface HotlineFigures {
  month: string;
  people: LawyerFigures[];
  total: { calls: number; answered: number; missed: number; transferred: number; requests: number; answerRate: number | null };
}

// —— checked against the server ——

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

export type HotlineContract = [
  Assert<Same<HotlineShift, ServerShift>>,
  Assert<Same<CallOutcome, ServerCallOutcome>>,
  Assert<Same<HotlineCall, CallView>>,
  Assert<Same<HotlineCallList, Awaited<ReturnType<typeof listCalls>>>>,
  Assert<Same<HotlineCallBody, CallInput>>,
  Assert<Same<CallToRequestBody, Parameters<typeof callToRequest>[3]>>,
  Assert<Same<HotlineStaff, Awaited<ReturnType<typeof hotlineStaff>>[number]>>,
  Assert<Same<RosterEntry, ServerRosterEntry>>,
  Assert<Same<RosterBody, Parameters<typeof addToRoster>[2]>>,
  Assert<Same<SwapBody, Parameters<typeof requestSwap>[3]>>,
  Assert<Same<HotlineFigures, Awaited<ReturnType<typeof monthFigures>>>>,
];
