/**
 * The shapes of the notices API (the bell, its unread counts per menu, the county's staff texts), as the
 * workbench uses them. `NotificationsContract` at the end fails the type check when the server drifts from
 * these copies; it is type-only and never reaches a bundle.
 */
import type { Category, EntityType, NoticeKind as ServerNoticeKind } from '../../../server/modules/notify/kinds.js';
import type { listNotifications } from '../../../server/modules/notify/notifications.service.js';
import type { getNotifySettings } from '../../../server/modules/notify/settings.service.js';

/** The menu a notice counts under. */
export const NOTIFICATION_CATEGORIES = ['requests', 'consultation', 'supervision', 'legalAid', 'hotline', 'feedback', 'other'] as const;
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];

/** The kinds a county may choose to have texted (server/modules/notify/kinds.ts). */
export const NOTICE_KINDS = [
  'newRequest',
  'newConsultation',
  'dispatched',
  'transferred',
  'returned',
  'reassigned',
  'takenOver',
  'dueSoon',
  'overdue',
  'stuck',
  'consultationFollowUp',
  'supervision',
  'supervisionReply',
  'aidApplication',
  'aidForwarded',
  'aidAssigned',
  'hotlineSwap',
  'badRating',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export interface StaffNotification {
  id: number;
  /** a NoticeKind, or a module's own */
  kind: string;
  category: NotificationCategory;
  requestId: string | null;
  /** the record it opens */
  target: { type: 'serviceRequest' | 'aidCase' | 'hotlineSwap'; id: string } | null;
  /** the workbench page of that record */
  link: string | null;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationList {
  unread: number;
  unreadByCategory: Record<NotificationCategory, number>;
  items: StaffNotification[];
}

export interface NotifySettings {
  countyCode: string;
  staffSms: boolean;
  /** none: every kind */
  kinds: NoticeKind[];
  /** 0 before the county first set them; sent back with a change */
  version: number;
  updatedAt: string | null;
}

// —— checked against the server ——

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

export type NotificationsContract = [
  Assert<Same<NotificationCategory, Category>>,
  Assert<Same<NoticeKind, ServerNoticeKind>>,
  Assert<Same<NonNullable<StaffNotification['target']>['type'], EntityType>>,
  Assert<Same<NotificationList, Awaited<ReturnType<typeof listNotifications>>>>,
  Assert<Same<NotifySettings, Awaited<ReturnType<typeof getNotifySettings>>>>,
];
