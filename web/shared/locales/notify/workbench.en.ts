/** English for workbench.zh-CN.ts: the same keys, no more and no fewer. */
import type { notifyWorkbench as zh } from './workbench.zh-CN.js';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

export const notifyWorkbench: Strings<typeof zh> = {
  categories: {
    all: 'All',
    requests: 'Requests',
    consultation: 'Consultations',
    supervision: 'Supervision',
    legalAid: 'Legal aid',
    hotline: '12348',
    feedback: 'Ratings',
    other: 'Other',
  },
  kinds: {
    newRequest: 'New request',
    newConsultation: 'New consultation',
    dispatched: 'Dispatched',
    transferred: 'Transferred',
    returned: 'Returned',
    reassigned: 'Reassigned',
    takenOver: 'Taken over',
    dueSoon: 'Due soon',
    overdue: 'Overdue',
    stuck: 'Nobody can act',
    consultationFollowUp: 'Follow-up question',
    supervision: 'Supervision order',
    supervisionReply: 'Supervision reply',
    aidApplication: 'Legal aid application',
    aidForwarded: 'Legal aid forwarded',
    aidAssigned: 'Legal aid assigned',
    hotlineSwap: 'Shift swap',
    badRating: 'Bad rating',
  },
  readCategory: 'Mark these read',
  unreadInMenu: '{{count}} unread',
  sms: {
    title: 'Text messages to staff',
    intro:
      'When on, the notices staff get are also texted to the mobile number on their record (staff without one see them in the workbench only). Texts are charged per message; off by default.',
    staffSms: 'Text staff their notices',
    kinds: 'Notices texted',
    kindsPlaceholder: 'None chosen: every kind',
    save: 'Save',
    saved: 'Text message settings saved',
    on: 'On',
    off: 'Off',
  },
};
