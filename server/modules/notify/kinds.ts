/*
 * The kinds of notice staff get, the menu each is counted under (the badges beside the workbench's menu entries),
 * and the record a notice opens.
 */

export const CATEGORIES = ['requests', 'consultation', 'supervision', 'legalAid', 'hotline', 'feedback', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Every kind of notice and its menu. A kind not listed here (a module's own) counts under `other`. */
export const KIND_CATEGORY = {
  /** a citizen's request routed to a site on submission, or waiting on a desk (a legal liaison's) */
  newRequest: 'requests',
  /** an online consultation routed to a site on submission */
  newConsultation: 'consultation',
  /** the workflow's steps that send a request to someone: 派单, 转办, 退回 (and any step that names new addressees) */
  dispatched: 'requests',
  transferred: 'requests',
  returned: 'requests',
  reassigned: 'requests',
  takenOver: 'requests',
  /** the scanner: due soon, overdue, and no one in the handling site can act */
  dueSoon: 'requests',
  overdue: 'requests',
  stuck: 'requests',
  consultationFollowUp: 'consultation',
  supervision: 'supervision',
  supervisionReply: 'supervision',
  /** a legal aid application arrived at the station (or the center) that reviews it */
  aidApplication: 'legalAid',
  /** a station's first review sent the case to the county's legal aid desk */
  aidForwarded: 'legalAid',
  /** the case was assigned to the provider (lawyer) */
  aidAssigned: 'legalAid',
  hotlineSwap: 'hotline',
  badRating: 'feedback',
} as const satisfies Record<string, Category>;
export type NoticeKind = keyof typeof KIND_CATEGORY;
export const NOTICE_KINDS = Object.keys(KIND_CATEGORY) as NoticeKind[];

export function categoryOf(kind: string): Category {
  return (KIND_CATEGORY as Record<string, Category>)[kind] ?? 'other';
}

/** What a notice opens. */
export const ENTITY_TYPES = ['serviceRequest', 'aidCase', 'hotlineSwap'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];
export interface Target {
  type: EntityType;
  id: string;
}

/** The workbench page that shows the record (web/workbench/WorkbenchApp.tsx). */
export function linkOf(target: Target | null): string | null {
  if (!target) return null;
  switch (target.type) {
    case 'serviceRequest':
      return `/requests/${target.id}`;
    case 'aidCase':
      return `/legal-aid/${target.id}`;
    case 'hotlineSwap':
      return '/hotline/roster';
  }
}

/** The word a notice's title starts with, in 【】 (the stored title is Chinese, as the county's staff read it). */
export const KIND_TITLE: Record<NoticeKind, string> = {
  newRequest: '新工单',
  newConsultation: '在线咨询',
  dispatched: '派单',
  transferred: '转办',
  returned: '退回',
  reassigned: '改派',
  takenOver: '接管',
  dueSoon: '临期',
  overdue: '超期',
  stuck: '无人可办',
  consultationFollowUp: '咨询追问',
  supervision: '督办',
  supervisionReply: '督办回复',
  aidApplication: '法律援助申请',
  aidForwarded: '法律援助初审转来',
  aidAssigned: '法律援助指派',
  hotlineSwap: '换班',
  badRating: '差评整改',
};
