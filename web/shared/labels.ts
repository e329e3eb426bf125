/**
 * The codes the API uses for posts, site kinds, facilities, region levels, and for requests (channels,
 * statuses, workflow actions, queues). Their Chinese and English names live in the locale files
 * (common.posts, common.siteKinds, common.requestStatuses, …); `useLabels` reads them.
 */
import { useTranslation } from 'react-i18next';

export const POSTS = [
  'reception',
  'consultationDesk',
  'legalAidDesk',
  'dutyLawyer',
  'mediator',
  'villageAdviser',
  'legalLiaison',
  'supervisor',
  'admin',
] as const;
export type Post = (typeof POSTS)[number];

export const SITE_KINDS = ['center', 'station', 'room'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

export const FACILITIES = [
  'serviceHall',
  'receptionCounter',
  'mediationRoom',
  'archiveRoom',
  'electronicDisplay',
  'touchKiosk',
  'noticeBoard',
  'suggestionBox',
] as const;
export type Facility = (typeof FACILITIES)[number];

export const REGION_LEVELS = ['county', 'town', 'village'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

/** The levels a service item is offered at: the county center, town stations, village rooms. */
export const SITE_LEVELS = SITE_KINDS;
export type SiteLevel = SiteKind;

/** How a request reached us (受理渠道). */
export const CHANNELS = ['walk_in', 'hotline', 'letter', 'web', 'wechat', 'kiosk', 'gov_hotline_12345', 'referral'] as const;
export type Channel = (typeof CHANNELS)[number];
/** what the portal, WeChat and the kiosks send */
export type PublicChannel = 'web' | 'wechat' | 'kiosk';
/** what a desk registers: in person, the 12348 hotline, letters, 12345 work orders, referrals */
export const DESK_CHANNELS = ['walk_in', 'hotline', 'letter', 'gov_hotline_12345', 'referral'] as const satisfies readonly Channel[];

export const REQUEST_STATUSES = ['submitted', 'dispatched', 'accepted', 'awaitingMaterials', 'concluded', 'withdrawn'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** The workflow's steps; each request names the ones the signed-in person may take (`allowedActions`). */
export const REQUEST_ACTIONS = [
  'dispatch',
  'accept',
  'return',
  'transfer',
  'requestMaterials',
  'resume',
  'conclude',
  // an administrator's or supervisor's: when nobody else can move a request on
  'takeOver',
  'reassign',
] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

/** The work queues of the workbench. */
export const QUEUES = ['mine', 'unit', 'unassigned', 'dueSoon', 'overdue', 'supervised', 'open', 'concluded', 'all'] as const;
export type Queue = (typeof QUEUES)[number];

export const isFacility = (value: string): value is Facility => (FACILITIES as readonly string[]).includes(value);
export const isPost = (value: string): value is Post => (POSTS as readonly string[]).includes(value);
export const isSiteKind = (value: string): value is SiteKind => (SITE_KINDS as readonly string[]).includes(value);
export const isChannel = (value: string): value is Channel => (CHANNELS as readonly string[]).includes(value);

/** Display names for the codes above, in the current language. */
export function useLabels() {
  const { t } = useTranslation('common');
  return {
    post: (p: Post) => t(`posts.${p}`),
    siteKind: (k: string) => (isSiteKind(k) ? t(`siteKinds.${k}`) : k),
    facility: (f: string) => (isFacility(f) ? t(`facilities.${f}`) : f),
    level: (l: RegionLevel) => t(`regionLevels.${l}`),
    status: (s: RequestStatus) => t(`requestStatuses.${s}`),
    channel: (c: string) => (isChannel(c) ? t(`channels.${c}`) : c),
  };
}
