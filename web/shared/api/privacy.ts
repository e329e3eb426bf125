/**
 * The shapes of the personal data API (retention periods, key status, a citizen's copy), as the workbench's
 * 个人信息保护 page uses them. `PrivacyContract` at the end fails the type check when the server drifts from
 * these copies; it is type-only and never reaches a bundle.
 */
import type { KeyStatus as ServerKeyStatus } from '../../../server/modules/privacy/keys.service.js';
import type { listRetention, RecordType as ServerRecordType } from '../../../server/modules/privacy/retention.js';
import type { CitizenQuery, RecordCounts } from '../../../server/modules/privacy/citizen-export.js';

export const RECORD_TYPES = ['request', 'consultationMessage', 'legalAidCase', 'hotlineCall', 'attachment', 'outbox'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export interface RetentionItem {
  recordType: RecordType;
  months: number;
  defaultMonths: number;
  /** the county set its own period */
  custom: boolean;
  /** 0 while the default applies; sent back with a change */
  version: number;
  updatedAt: string | null;
}

export interface Retention {
  countyCode: string;
  items: RetentionItem[];
  /** kept by their own rules, not set per county */
  fixed: { recordType: string; rule: string }[];
}

export interface RetentionBody {
  months: number;
  version: number;
}

export interface KeyStatus {
  currentKeyId: string;
  ring: string[];
  columns: { table: string; column: string; byKey: Record<string, number> }[];
  /** values under a key other than the current one */
  stale: number;
  /** values no configured key opens */
  unopenable: number;
}

export interface CitizenExportBody {
  phone?: string;
  idNumber?: string;
  reason: string;
}

/** How many records of each kind a citizen's copy holds (the JSON form's arrays, counted). */
export type CitizenRecordKind = keyof RecordCounts;

// —— checked against the server ——

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

export type PrivacyContract = [
  Assert<Same<RecordType, ServerRecordType>>,
  Assert<Same<Retention, Awaited<ReturnType<typeof listRetention>>>>,
  Assert<Same<KeyStatus, ServerKeyStatus>>,
  Assert<Same<Required<CitizenExportBody>, { [K in keyof CitizenQuery]-?: Exclude<CitizenQuery[K], undefined> }>>,
];
