import { Type } from 'typebox';
import { Text, Uuid, Version } from '../../http/schemas.js';
import { PostSchema, RegionCode, SiteKind } from '../org/org.schemas.js';
import { CHANNELS, PUBLIC_CHANNELS } from './catalogue-defaults.js';
import { QUEUES } from './requests.service.js';
import { ACTIONS } from './workflow.js';

export const ServiceItemCode = Type.String({ pattern: '^[a-z][A-Za-z0-9]{1,40}$' });
export const Status = Type.Enum(['submitted', 'dispatched', 'accepted', 'awaitingMaterials', 'concluded', 'withdrawn']);
export const Policy = Type.Object({
  unit: Type.Enum(['calendar', 'working']),
  days: Type.Integer({ minimum: 0, maximum: 365 }),
  dueSoonDays: Type.Integer({ minimum: 0, maximum: 60 }),
});
const Guide = Type.Object({
  who: Text(500),
  materials: Type.Array(Text(200), { maxItems: 30 }),
  steps: Type.Array(Text(200), { maxItems: 30 }),
  fees: Text(300),
  where: Text(300),
  basis: Text(300),
});
const SiteLevel = Type.Enum(['center', 'station', 'room']);
const ChannelSchema = Type.Enum(CHANNELS);

export const ServiceItem = Type.Object({
  code: Type.String(),
  name: Type.String(),
  category: Type.Enum(['basic', 'extended']),
  summary: Type.String(),
  guide: Guide,
  levels: Type.Array(SiteLevel),
  channels: Type.Array(ChannelSchema),
  handlingUnit: Type.String(),
  timeLimit: Policy,
  active: Type.Boolean(),
  version: Type.Integer(),
});

export const ServiceItemPatch = Type.Object(
  {
    version: Version,
    name: Type.Optional(Text(40, 2)),
    summary: Type.Optional(Text(500)),
    guide: Type.Optional(Guide),
    levels: Type.Optional(Type.Array(SiteLevel, { minItems: 1, maxItems: 3 })),
    channels: Type.Optional(Type.Array(ChannelSchema, { minItems: 1, maxItems: 8 })),
    handlingUnit: Type.Optional(Text(100)),
    timeLimit: Type.Optional(Policy),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const PhoneSchema = Type.String({
  pattern: '^\\s*(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})\\s*$',
  description: 'mobile or landline',
});
export const IdNumberSchema = Type.String({ maxLength: 20, description: '18-digit resident ID (GB 11643), checked' });

const requester = {
  serviceItem: ServiceItemCode,
  name: Text(40, 1),
  phone: PhoneSchema,
  regionCode: RegionCode,
  description: Text(5000, 5),
  idNumber: Type.Optional(IdNumberSchema),
  address: Type.Optional(Text(200)),
};

export const PublicIntakeBody = Type.Object({ ...requester, channel: Type.Enum(PUBLIC_CHANNELS) }, { additionalProperties: false });
export const DeskIntakeBody = Type.Object({ ...requester, channel: ChannelSchema }, { additionalProperties: false });

export const PublicReceipt = Type.Object({ trackingNo: Type.String(), status: Status, dueAt: Type.Union([Type.String(), Type.Null()]) });

const Ref = Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]);
export const Request = Type.Object({
  id: Uuid,
  trackingNo: Type.String(),
  serviceItem: Type.String(),
  serviceItemName: Type.String(),
  channel: Type.String(),
  status: Status,
  requesterName: Type.String(),
  requesterPhone: Type.String(),
  requesterIdNumber: Type.Union([Type.String(), Type.Null()]),
  requesterAddress: Type.Union([Type.String(), Type.Null()]),
  regionCode: Type.String(),
  regionName: Type.String(),
  description: Type.String(),
  receivedSite: Ref,
  owner: Ref,
  handlerSite: Ref,
  handlerPost: Type.Union([Type.String(), Type.Null()]),
  handler: Ref,
  timeLimit: Policy,
  startedAt: Type.String(),
  dueAt: Type.Union([Type.String(), Type.Null()]),
  dueState: Type.Enum(['normal', 'dueSoon', 'overdue']),
  missingMaterials: Type.Union([Type.Array(Type.String()), Type.Null()]),
  result: Type.Union([Type.String(), Type.Null()]),
  dispatchedAt: Type.Union([Type.String(), Type.Null()]),
  acceptedAt: Type.Union([Type.String(), Type.Null()]),
  concludedAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  version: Type.Integer(),
  allowedActions: Type.Array(Type.Enum(ACTIONS)),
  aidCaseId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  canRevealIdNumber: Type.Boolean({ description: 'whether GET /requests/{id}/id-number will answer this user' }),
});

export const RequestQuery = Type.Object({
  queue: Type.Optional(Type.Enum(QUEUES, { default: 'open' })),
  q: Type.Optional(Text(50)),
  serviceItem: Type.Optional(ServiceItemCode),
  status: Type.Optional(Status),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
});

export const TimelineEvent = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  type: Type.String(),
  actorName: Type.String(),
  fromStatus: Type.Union([Type.String(), Type.Null()]),
  toStatus: Type.Union([Type.String(), Type.Null()]),
  note: Type.String(),
  data: Type.Unknown(),
  public: Type.Boolean(),
});

const version = { version: Type.Optional(Version) };
const route = { siteId: Uuid, post: Type.Optional(PostSchema), handlerId: Type.Optional(Uuid) };
export const ActionBodies = {
  dispatch: Type.Object({ ...route, note: Type.Optional(Text(500)), ...version }, { additionalProperties: false }),
  transfer: Type.Object({ ...route, reason: Text(500, 2), ...version }, { additionalProperties: false }),
  accept: Type.Object({ note: Type.Optional(Text(500)), ...version }, { additionalProperties: false }),
  return: Type.Object({ reason: Text(500, 2), ...version }, { additionalProperties: false }),
  requestMaterials: Type.Object(
    { items: Type.Array(Text(200, 1), { minItems: 1, maxItems: 30 }), note: Type.Optional(Text(500)), ...version },
    { additionalProperties: false },
  ),
  resume: Type.Object({ note: Type.Optional(Text(500)), ...version }, { additionalProperties: false }),
  conclude: Type.Object({ result: Text(5000, 2), ...version }, { additionalProperties: false }),
  takeOver: Type.Object({ reason: Text(500, 2), ...version }, { additionalProperties: false }),
  reassign: Type.Object({ ...route, reason: Text(500, 2), ...version }, { additionalProperties: false }),
};

export const DispatchTarget = Type.Object({
  id: Uuid,
  name: Type.String(),
  kind: SiteKind,
  regionCode: Type.String(),
  townName: Type.Union([Type.String(), Type.Null()]),
  posts: Type.Array(PostSchema, { description: 'the posts a request can be sent to there: those its active staff hold' }),
  staffed: Type.Boolean({ description: 'someone active there handles requests (else nothing can be sent there)' }),
});

export const TrackingParams = Type.Object({ trackingNo: Type.String({ minLength: 8, maxLength: 30 }) });
export const PhoneQuery = Type.Object({ phone: Type.String({ minLength: 5, maxLength: 20 }) });
export const PhoneBody = Type.Object({ phone: Type.String({ minLength: 5, maxLength: 20 }) });

/** The citizen's own receipt (受理回执) for the done page: no name, no description, the phone masked. */
export const CitizenReceipt = Type.Object({
  trackingNo: Type.String(),
  trackingNoFormatted: Type.String(),
  serviceItemName: Type.String(),
  handlerSiteName: Type.Union([Type.String(), Type.Null()]),
  receivedAt: Type.String(),
  dueAt: Type.Union([Type.String(), Type.Null()]),
  lastDay: Type.Union([Type.String(), Type.Null()]),
  phoneMasked: Type.String(),
  trackUrl: Type.String(),
  qrSvg: Type.String({ description: 'the tracking page address as a QR code (SVG); it holds no phone' }),
});
export const TextSent = Type.Object({ trackingNo: Type.String(), sentTo: Type.String({ description: 'the phone texted, masked' }) });

const Grade = Type.Integer({ minimum: 1, maximum: 5 });
export const EvaluationBody = Type.Object(
  {
    phone: Type.String({ minLength: 5, maxLength: 20 }),
    grade: Grade,
    attitude: Grade,
    efficiency: Grade,
    competence: Grade,
    comment: Type.Optional(Text(1000)),
  },
  { additionalProperties: false },
);

export const CitizenView = Type.Object({
  trackingNo: Type.String(),
  status: Status,
  serviceItem: Type.String(),
  serviceItemName: Type.String(),
  handlerSiteName: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  dueAt: Type.Union([Type.String(), Type.Null()]),
  missingMaterials: Type.Union([Type.Array(Type.String()), Type.Null()]),
  result: Type.Union([Type.String(), Type.Null()]),
  concludedAt: Type.Union([Type.String(), Type.Null()]),
  canEvaluate: Type.Boolean(),
  evaluation: Type.Union([Type.Object({ grade: Type.Integer(), at: Type.String() }), Type.Null()]),
  timeline: Type.Array(
    Type.Object({
      at: Type.String(),
      type: Type.String(),
      siteName: Type.Union([Type.String(), Type.Null()]),
      items: Type.Union([Type.Array(Type.String()), Type.Null()]),
      note: Type.String(),
    }),
  ),
});
