/**
 * The staff side of the knowledge library (问答与办事指南: writing, review, publishing) and the online
 * consultation's thread (咨询往来: the citizen's follow-ups and the lawyer's further answers), as the workbench and
 * the portal's tracking page use them. `KnowledgeAdminContract` at the end fails the type check when the server's
 * answers drift from these copies; it is type-only and never reaches a bundle.
 */
import type { KbKind as ServerKind, KbOrigin as ServerOrigin, KbStatus as ServerStatus } from '../../../server/db/schema.js';
import type {
  citizenThread,
  FOLLOW_UP_DAYS as SERVER_FOLLOW_UP_DAYS,
  MessageView,
  staffThread,
} from '../../../server/modules/consultation/messages.service.js';
import type { EntryInput, EntryView, listEntriesForStaff } from '../../../server/modules/knowledge/entries.service.js';

export type KbKind = 'qa' | 'guide';
export const KB_KINDS: readonly KbKind[] = ['qa', 'guide'];

/** restricted: imported under a licence that allows search only (never shown to citizens, never published) */
export type KbStatus = 'draft' | 'review' | 'published' | 'restricted' | 'archived';

/**
 * imported (a licensed Q&A collection), staff (written here), consultation (drafted from an answered consultation);
 * evaluation (benchmark material) is never listed nor opened here
 */
export type KbOrigin = 'imported' | 'staff' | 'consultation' | 'evaluation';

export type KbAction = 'edit' | 'submit' | 'publish' | 'archive';
/** the order of the buttons: saving first, then the step on, archiving last */
export const KB_ACTIONS: readonly KbAction[] = ['edit', 'submit', 'publish', 'archive'];

export interface KbRef {
  articleId: number;
  /** e.g. 中华人民共和国劳动合同法 */
  law: string;
  /** e.g. 第八十二条 */
  article: string;
}

/** GET /knowledge/admin/entries/:id (and the answer of every change) */
export interface KbEntry {
  id: number;
  kind: KbKind;
  /** the question of a Q&A, the name of a guide */
  title: string;
  /** the answer of a Q&A, the text of a guide */
  body: string;
  status: KbStatus;
  origin: string;
  /** who answered: a staff member's name, or the source of an imported entry */
  answerBy: string;
  /** 本平台 for our own; the licence of imported material */
  license: string;
  serviceItem: string | null;
  /** the consultation a draft was made from */
  fromRequestId: string | null;
  refs: KbRef[];
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  version: number;
  /** what I may do with it now */
  allowedActions: KbAction[];
}

export interface KbListItem {
  id: number;
  kind: KbKind;
  title: string;
  status: KbStatus;
  origin: KbOrigin;
  answerBy: string;
  license: string;
  updatedAt: string;
  publishedAt: string | null;
}

/** GET /knowledge/admin/entries?status&kind&origin&q&page&pageSize */
export interface KbList {
  items: KbListItem[];
  total: number;
  page: number;
  pageSize: number;
}

/** POST /knowledge/admin/entries */
export interface KbEntryBody {
  kind: KbKind;
  title: string;
  body: string;
  serviceItem?: string | null;
  refs?: number[];
}

/** PATCH /knowledge/admin/entries/:id */
export type KbEntryPatch = Partial<Omit<KbEntryBody, 'kind'>> & { version: number };

// —— 在线咨询的往来 ——

/** After the answer, the citizen may follow up (and the lawyer answer further) for this many days. */
export const FOLLOW_UP_DAYS = 7;

export interface ConsultationMessage {
  id: number;
  author: 'citizen' | 'staff';
  /** the staff member's name in the workbench; null for the citizen, and always null on the portal */
  authorName: string | null;
  body: string;
  createdAt: string;
}

/** GET/POST /requests/:id/messages */
export interface StaffThread {
  messages: ConsultationMessage[];
  /** I handle it and the follow-up period is open */
  canWrite: boolean;
}

/** GET/POST /public/requests/:trackingNo/messages (POST body: { phone, body }) */
export interface CitizenThread {
  messages: ConsultationMessage[];
  canWrite: boolean;
  /** how long after the answer follow-ups are taken */
  followUpDays: number;
}

// —— compile-time contract with the server ——

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

export type KnowledgeAdminContract = [
  Assert<Same<KbKind, ServerKind>>,
  Assert<Same<KbStatus, ServerStatus>>,
  Assert<Same<KbOrigin, ServerOrigin>>,
  Assert<Same<KbEntry, EntryView>>,
  Assert<Same<KbList, Awaited<ReturnType<typeof listEntriesForStaff>>>>,
  Assert<Same<Omit<KbEntryBody, 'refs' | 'serviceItem'>, Omit<EntryInput, 'refs' | 'serviceItem'>>>,
  Assert<Same<typeof FOLLOW_UP_DAYS, typeof SERVER_FOLLOW_UP_DAYS>>,
  Assert<Same<ConsultationMessage, MessageView>>,
  Assert<Same<StaffThread, Awaited<ReturnType<typeof staffThread>>>>,
  Assert<Same<CitizenThread, Awaited<ReturnType<typeof citizenThread>>>>,
];
