import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import type { DB } from '../../db/schema.js';
import { actorOf } from '../../http/context.js';
import { errors, Text } from '../../http/schemas.js';
import type { PersonalDataCipher } from '../../security/personal-data.js';
import { citizenRecords } from './citizen-export.js';
import { citizenWorkbook } from './citizen-export.xlsx.js';
import { keyStatus } from './keys.service.js';
import { listRetention, RECORD_TYPES, requirePrivacyOfficer, setRetention } from './retention.js';

const S = Type.String();
const NS = Type.Union([Type.String(), Type.Null()]);
const NI = Type.Union([Type.Integer(), Type.Null()]);
const RecordType = Type.Enum(RECORD_TYPES);

const Retention = Type.Object({
  countyCode: S,
  items: Type.Array(
    Type.Object({
      recordType: RecordType,
      months: Type.Integer(),
      defaultMonths: Type.Integer(),
      custom: Type.Boolean(),
      version: Type.Integer(),
      updatedAt: NS,
    }),
  ),
  fixed: Type.Array(Type.Object({ recordType: S, rule: S })),
});

const KeyStatus = Type.Object({
  currentKeyId: S,
  ring: Type.Array(S),
  columns: Type.Array(Type.Object({ table: S, column: S, byKey: Type.Record(S, Type.Integer()) })),
  stale: Type.Integer(),
  unopenable: Type.Integer(),
});

const CitizenRecords = Type.Object({
  generatedAt: S,
  query: Type.Object({ phoneMasked: NS, idNumberMasked: NS }),
  requests: Type.Array(
    Type.Object({
      trackingNo: S,
      serviceItem: S,
      channel: S,
      status: S,
      name: S,
      phone: S,
      idNumber: NS,
      address: NS,
      region: S,
      description: S,
      result: NS,
      createdAt: S,
      concludedAt: NS,
    }),
  ),
  events: Type.Array(Type.Object({ trackingNo: S, at: S, type: S, note: S })),
  legalAidCases: Type.Array(
    Type.Object({
      trackingNo: S,
      caseNo: NS,
      stage: S,
      applicantKind: S,
      matterCategory: S,
      aidForm: S,
      matterSummary: S,
      familySize: Type.Integer(),
      familyMembers: Type.Array(Type.Object({ relation: S, monthlyIncome: Type.Union([Type.Number(), Type.Null()]) })),
      monthlyFamilyIncome: Type.Union([Type.Number(), Type.Null()]),
      decision: NS,
      decisionReason: NS,
      decidedAt: NS,
      closingOutcome: NS,
      closedAt: NS,
      appliedAt: S,
    }),
  ),
  proxyFor: Type.Array(Type.Object({ trackingNo: S, caseNo: NS, name: S, relation: NS, phone: NS, appliedAt: S })),
  objections: Type.Array(Type.Object({ caseNo: NS, against: S, grounds: S, filedAt: S, decision: NS, decisionReason: NS })),
  messages: Type.Array(Type.Object({ trackingNo: S, at: S, author: Type.Enum(['citizen', 'staff']), body: S })),
  evaluations: Type.Array(
    Type.Object({
      trackingNo: S,
      grade: Type.Integer(),
      attitude: Type.Integer(),
      efficiency: Type.Integer(),
      competence: Type.Integer(),
      comment: S,
      at: S,
    }),
  ),
  hotlineCalls: Type.Array(
    Type.Object({
      startedAt: S,
      durationSeconds: NI,
      phone: NS,
      category: NS,
      summary: S,
      answer: S,
      outcome: NS,
      satisfaction: NI,
    }),
  ),
  attachments: Type.Array(
    Type.Object({
      trackingNo: S,
      filename: S,
      contentType: S,
      size: Type.Integer(),
      uploadedAt: S,
      byCitizen: Type.Boolean(),
      deleted: Type.Boolean(),
    }),
  ),
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function privacyRoutes(fastify: FastifyInstance, deps: { db: Kysely<DB>; cipher: PersonalDataCipher }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, cipher } = deps;
  const tags = ['privacy'];

  app.get(
    '/privacy/retention',
    {
      schema: {
        tags,
        summary: '个人信息保存期限（本县各类记录；未设置的按默认）',
        response: { 200: Retention, ...errors(401, 403) },
      },
    },
    (req) => listRetention(db, actorOf(req)),
  );
  app.put(
    '/privacy/retention/:recordType',
    {
      schema: {
        tags,
        summary: '设置本县某类记录的保存期限（月）；期满后匿名化',
        params: Type.Object({ recordType: RecordType }),
        body: Type.Object(
          {
            months: Type.Integer({ minimum: 1, maximum: 1200 }),
            version: Type.Integer({ minimum: 0, maximum: 2_147_483_647, description: 'the version read; 0 while the default applies' }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Retention, ...errors(400, 401, 403, 409) },
      },
    },
    (req) => setRetention(db, actorOf(req), req.params.recordType, req.body),
  );
  app.get(
    '/privacy/keys',
    {
      schema: {
        tags,
        summary: '数据密钥状态：各表各字段由每个密钥加密的数量（轮换后旧密钥为 0 方可移除）',
        response: { 200: KeyStatus, ...errors(401, 403) },
      },
    },
    (req) => {
      requirePrivacyOfficer(actorOf(req));
      return keyStatus(db, cipher);
    },
  );
  app.post(
    '/privacy/citizen-export',
    {
      schema: {
        tags,
        summary: '个人信息查阅复制（个人信息保护法第四十五条）：按手机号和/或身份证号导出本人的全部信息，须写明事由，留痕',
        description:
          'format=xlsx (default) answers an .xlsx with one sheet per record type; format=json the same records as JSON. The citizen’s own values are unmasked; nothing of other people is included.',
        body: Type.Object(
          {
            phone: Type.Optional(Type.String({ pattern: '^[0-9+\\- ]{5,20}$' })),
            idNumber: Type.Optional(Type.String({ pattern: '^[0-9]{17}[0-9Xx]$' })),
            reason: Text(500, 4),
            format: Type.Optional(Type.Enum(['xlsx', 'json'], { default: 'xlsx' })),
          },
          { additionalProperties: false },
        ),
        produces: ['application/json', XLSX],
        response: { 200: CitizenRecords, ...errors(400, 401, 403, 422) },
      },
    },
    async (req, reply) => {
      const records = await citizenRecords(db, cipher, actorOf(req), req.body);
      // personal data in full: no cache keeps a copy
      reply.header('cache-control', 'no-store');
      if (req.body.format === 'json') return records;
      const file = await citizenWorkbook(records);
      reply.header('content-type', XLSX);
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('个人信息查阅复制.xlsx')}`);
      // the bytes go as they are (the 200 schema describes the JSON form)
      return (reply as unknown as FastifyReply).send(file);
    },
  );
}
