/** English for workbench.zh-CN.ts: the same keys, no more and no fewer. */
import type { privacyWorkbench as zh } from './workbench.zh-CN.js';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

export const privacyWorkbench: Strings<typeof zh> = {
  title: 'Personal data',
  intro:
    'Under the Personal Information Protection Law: records are anonymised once their retention period has passed; personal data is stored encrypted, with keys that rotate without downtime; citizens may read and copy what is held about them.',
  types: {
    request: 'Service requests',
    consultationMessage: 'Consultation messages',
    legalAidCase: 'Legal aid case files',
    hotlineCall: '12348 call log',
    attachment: 'Attachments',
    outbox: 'SMS and push messages',
  },
  clocks: {
    request: 'from conclusion or withdrawal',
    consultationMessage: 'from the consultation concluded',
    legalAidCase: "from the case's last change after it ended",
    hotlineCall: 'from the call',
    attachment: 'from the request concluded',
    outbox: 'from the message created',
  },
  retention: {
    title: 'Retention periods',
    intro:
      "When a period ends the system anonymises the record: the name becomes 'anonymised', phone, ID number and address are deleted, personal data is removed from texts, attachment files are deleted; service, channel, dates and ratings stay for the figures.",
    type: 'Record type',
    clock: 'Counted',
    months: 'Kept for',
    defaultMonths: 'default {{months}} months',
    custom: 'County setting',
    default: 'Default',
    monthsUnit: 'months',
    years_one: 'about {{count}} year',
    years_other: 'about {{count}} years',
    save: 'Save',
    saved: 'Saved: {{type}} kept {{months}} months',
    fixedTitle: 'Set elsewhere',
    fixed: {
      sessions: 'Sign-in sessions: deleted when they expire',
      rateLimits: 'Rate-limit counters: deleted a day after their window',
      auditLog: 'Audit log: append-only, holds masked values only',
    },
  },
  keys: {
    title: 'Data keys',
    intro:
      'Phones, ID numbers and addresses are stored encrypted (AES-256-GCM). To rotate: put the new key first in LEGALHUB_DATA_KEYS keeping the old one, restart the servers one by one, then run npm run cli -- rotate-keys; once the old key seals nothing it can be removed.',
    current: 'Current key',
    configured: 'Keys configured',
    column: 'Data',
    count: '{{key}}: {{count}}',
    none: 'no data yet',
    allCurrent: 'Everything is sealed with the current key',
    stale: '{{count}} values are still under an older key: run npm run cli -- rotate-keys',
    unopenable:
      '{{count}} values are sealed with a key that is not configured and cannot be opened: put that key back in LEGALHUB_DATA_KEYS',
    notConfigured: 'not configured',
    columns: {
      service_requests: {
        requester_phone_enc: 'Requests · phone',
        requester_id_enc: 'Requests · ID number',
        requester_address_enc: 'Requests · address',
      },
      aid_cases: { proxy_phone_enc: "Legal aid · proxy's phone" },
      hotline_calls: { caller_phone_enc: "12348 · caller's number" },
      outbox: { recipient_enc: 'SMS · recipient' },
    },
  },
  export: {
    title: "A citizen's copy of their personal data",
    intro:
      'PIPL art. 45: citizens may read and copy their personal data. After checking who they are, export everything this platform holds about them by phone and/or ID number (Excel, one sheet per record type), with nothing of other people. Each export and its reason go on the audit log.',
    phone: 'Phone',
    idNumber: 'ID number',
    reason: 'Reason',
    reasonPlaceholder: 'e.g. the citizen asked at the county center desk, ID card shown',
    needOne: 'Give the phone or the ID number (both is best)',
    phoneInvalid: 'Enter a valid phone number',
    idInvalid: 'An ID number has 18 characters',
    reasonRequired: 'State the reason (at least 4 characters)',
    submit: 'Export Excel',
    done: 'Exported; the export is on the audit log',
    fileName: 'personal-data-copy.xlsx',
  },
};
