/** What the home page's to-do list answers (GET /me/todo). */
import type { SiteFigures } from './site-figures.js';

export const TODO_QUEUES = [
  /** submitted at my desk: to dispatch or answer on the spot (workflow.ts holdsAtDesk) */
  'requestsAtDesk',
  /** sent to me, or to my site with my post (isAddressee): to accept */
  'requestsToAccept',
  /** accepted by me */
  'requestsInHand',
  /** mine, paused for the citizen's materials */
  'requestsPaused',
  /** online consultations waiting for my answer, or for my reply to a follow-up question */
  'consultations',
  /** legal aid: first reviews at my station */
  'aidFirstReview',
  /** legal aid: decisions at the county center */
  'aidReview',
  /** legal aid: granted, to assign */
  'aidGranted',
  /** legal aid: waiting for the applicant's materials */
  'aidMaterials',
  /** legal aid: closed, to archive */
  'aidClosed',
  /** legal aid: assigned to me as the provider */
  'aidAssigned',
  /** legal aid: objections under review */
  'aidObjections',
  /** 12348: my calls whose record is not complete */
  'hotlineOpenCalls',
  /** 差评整改 of my site still open */
  'rectifications',
] as const;
export type TodoQueue = (typeof TODO_QUEUES)[number];

export interface DueItem {
  kind: 'request' | 'aidCase' | 'objection';
  /** the record the link opens: a request, a legal aid case (an objection opens its case) */
  id: string;
  trackingNo: string;
  caseNo: string | null;
  /** the service item, the matter or the step */
  title: string;
  dueAt: string;
  dueState: 'dueSoon' | 'overdue';
}

export interface SupervisionItem {
  id: string;
  requestId: string;
  trackingNo: string;
  serviceItemName: string;
  instruction: string;
  dueAt: string;
  status: 'open' | 'replied';
  /** addressed to me (I reply), or issued by me (I close it once replied) */
  role: 'addressed' | 'issued';
}

/** How many due items the home page lists. */
export const DUE_ITEMS = 8;

export interface TodoView {
  queues: { key: TodoQueue; count: number }[];
  due: { dueSoon: number; overdue: number; items: DueItem[] };
  supervision: { toReply: number; issuedOpen: number; items: SupervisionItem[] };
  notifications: { unread: number };
  /** on the 12348 roster today (county center only) */
  hotline: { today: ('am' | 'pm')[] } | null;
  /** for those who lead a site: its area's figures for the month */
  site: SiteFigures | null;
}
