/** en: the `common` namespace (one module per namespace, so that each app bundles only its own). */
import type { common as zh } from './zh-CN.common.js';
import { aidLabels } from './legalaid/labels.en.js';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

export const common: Strings<typeof zh> = {
  appName: 'Public Legal Services',
  hotline: '12348',
  hotlineName: 'Public legal service hotline',
  languageSwitch: '中文',
  languageSwitchLabel: 'Switch to Chinese',
  loading: 'Loading…',
  retry: 'Retry',
  posts: {
    reception: 'Front desk',
    consultationDesk: 'Legal consultation desk',
    legalAidDesk: 'Legal aid desk',
    dutyLawyer: 'Duty lawyer',
    mediator: 'Mediator',
    villageAdviser: 'Village legal adviser',
    legalLiaison: 'Legal liaison',
    supervisor: 'Supervisor',
    admin: 'Administrator',
  },
  siteKinds: {
    center: 'County center',
    station: 'Town station',
    room: 'Village room',
  },
  facilities: {
    serviceHall: 'Service hall',
    receptionCounter: 'Reception counter',
    mediationRoom: 'Mediation room',
    archiveRoom: 'Archive room',
    electronicDisplay: 'Electronic display',
    touchKiosk: 'Touch kiosk',
    noticeBoard: 'Notice board',
    suggestionBox: 'Suggestion box',
  },
  regionLevels: {
    county: 'County',
    town: 'Town / street',
    village: 'Village / community',
  },
  requestStatuses: {
    submitted: 'To dispatch',
    dispatched: 'To accept',
    accepted: 'In progress',
    awaitingMaterials: 'Awaiting materials',
    concluded: 'Concluded',
    withdrawn: 'Withdrawn',
  },
  channels: {
    walk_in: 'Walk-in',
    hotline: '12348 hotline',
    letter: 'Letter',
    web: 'Online',
    wechat: 'WeChat',
    kiosk: 'Kiosk',
    gov_hotline_12345: '12345 work order',
    referral: 'Referral',
  },
  /** the national five grades of 好差评 */
  grades: {
    '5': 'Very satisfied',
    '4': 'Satisfied',
    '3': 'Fairly satisfied',
    '2': 'Dissatisfied',
    '1': 'Very dissatisfied',
  },
  errors: {
    network: 'Cannot reach the server; check the connection and try again',
    unexpected: 'The server could not handle the request (HTTP {{status}}); try again later',
    unknown: 'Something went wrong; try again later',
  },
  aid: aidLabels,
};
