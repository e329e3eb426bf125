/** English for labels.zh-CN.ts: the same keys, no more and no fewer. */
import type { aidLabels as zh } from './labels.zh-CN.js';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

export const aidLabels: Strings<typeof zh> = {
  stages: {
    firstReview: 'First review at the town station',
    review: 'Review at the center',
    awaitingMaterials: 'Awaiting materials',
    granted: 'Granted',
    refused: 'Refused',
    assigned: 'Assigned',
    closed: 'Closed',
    terminated: 'Terminated',
    archived: 'Archived',
    withdrawn: 'Withdrawn',
  },
  citizenStages: {
    firstReview: { status: 'The town station is reviewing your application', next: 'Keep your phone on: staff may call to check details.' },
    review: {
      status: 'The county legal aid center is reviewing it and will decide within the time limit',
      next: 'Nothing to do: please wait for the decision.',
    },
    awaitingMaterials: {
      status: 'Please supply more materials; the review clock is paused',
      next: 'Bring the listed materials to the desk or upload them here in time; otherwise the application is deemed withdrawn.',
    },
    granted: {
      status: 'Legal aid granted; a provider is being assigned',
      next: 'A lawyer or other legal aid provider will be assigned within 3 days.',
    },
    refused: { status: 'Legal aid refused', next: 'If you disagree you may object to the county justice bureau in time, on this page.' },
    assigned: {
      status: 'A legal aid provider has been assigned and is handling it',
      next: 'The provider will contact you; you may ask how it goes or ask for another provider.',
    },
    closed: {
      status: 'The case is closed and being archived',
      next: 'Please rate our service; the center may call you to hear what you think of the provider.',
    },
    terminated: {
      status: 'Legal aid terminated',
      next: 'If you disagree you may object to the county justice bureau in time, on this page.',
    },
    archived: { status: 'The case is closed and archived', next: 'Please rate the service.' },
    withdrawn: { status: 'The application was withdrawn', next: 'If you still need legal aid you may apply again.' },
  },
  matterCategories: {
    stateCompensation: 'State compensation',
    socialInsurance: 'Social insurance benefits or social assistance',
    pension: 'Survivor or disability pension',
    maintenance: 'Maintenance or support payments',
    labourRemuneration: 'Labour relationship or unpaid wages',
    capacity: 'Declaring a person without or with limited civil capacity',
    workInjury: 'Work injury compensation',
    trafficAccident: 'Traffic accident injury compensation',
    foodDrugSafety: 'Food or drug safety injury compensation',
    medicalAccident: 'Medical accident injury compensation',
    environment: 'Pollution or ecological damage compensation',
    criminalDefence: 'Defence of a suspect or defendant',
    criminalVictim: 'Representation of a victim or private prosecutor',
    other: 'Other matters',
  },
  aidForms: {
    consultation: 'Legal consultation',
    documentDrafting: 'Drafting legal documents',
    criminalDefence: 'Criminal defence and representation',
    litigationAgency: 'Litigation and non-litigation representation',
    dutyLawyer: 'Duty lawyer assistance',
    labourArbitration: 'Labour mediation and arbitration representation',
    other: 'Other forms',
  },
  noMeansTest: {
    heroMartyrRelative: 'Close relative of a hero or martyr defending their dignity',
    goodSamaritan: 'Claims arising from a good-samaritan act',
    retrialAcquittal: 'State compensation after acquittal on retrial',
    abuseVictim: 'Victim of abuse, abandonment or domestic violence',
  },
  exemptions: {
    noIncomeVulnerable: 'Minor, elderly or disabled person without steady income',
    assistanceRecipient: 'Recipient of social or judicial assistance, or special care',
    migrantWorker: 'Migrant worker claiming wages or work-injury compensation',
  },
  terminationGrounds: {
    deception: 'Aid obtained by deception or other improper means',
    concealment: 'Important facts concealed or false evidence given',
    unlawfulUse: 'Aid used for unlawful activities',
    meansChanged: 'Means changed: no longer eligible',
    proceedingsEnded: 'Proceedings ended or withdrawn',
    ownLawyer: 'Recipient hired a lawyer or agent',
    recipientRequest: 'Recipient asked to end it for good reason',
    otherStatutory: 'Other grounds in laws and regulations',
  },
  earlyAidGrounds: {
    limitationExpiring: 'Less than 7 days left before a limitation period or deadline',
    urgentPreservation: 'Property or evidence preservation, or advance execution, needed at once',
    otherStatutory: 'Other grounds in laws, regulations and rules',
  },
  applicantKinds: {
    self: 'The applicant',
    guardian: 'A guardian on their behalf',
    relativeOfDetained: 'A close relative of a detained person',
    agent: 'An agent on their behalf',
  },
  providerKinds: {
    lawyer: 'Lawyer',
    grassrootsWorker: 'Grassroots legal service worker',
    aidStaff: 'Legal aid staff',
  },
};
