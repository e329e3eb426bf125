/**
 * The codes the API uses for posts, site kinds, facilities and region levels. Their Chinese and English
 * names live in the locale files (common.posts, common.siteKinds, …); `useLabels` reads them.
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

export const isFacility = (value: string): value is Facility => (FACILITIES as readonly string[]).includes(value);
export const isPost = (value: string): value is Post => (POSTS as readonly string[]).includes(value);
export const isSiteKind = (value: string): value is SiteKind => (SITE_KINDS as readonly string[]).includes(value);

/** Display names for the codes above, in the current language. */
export function useLabels() {
  const { t } = useTranslation('common');
  return {
    post: (p: Post) => t(`posts.${p}`),
    siteKind: (k: string) => (isSiteKind(k) ? t(`siteKinds.${k}`) : k),
    facility: (f: string) => (isFacility(f) ? t(`facilities.${f}`) : f),
    level: (l: RegionLevel) => t(`regionLevels.${l}`),
  };
}
