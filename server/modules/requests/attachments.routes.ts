import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../http/context.js';
import { errors, Uuid } from '../../http/schemas.js';
import { readSingleFile } from '../../http/upload.js';
import { IdParams } from '../org/org.schemas.js';
import { attachByStaff, listAttachments, MAX_ATTACHMENT_BYTES, readAttachment } from './attachments.service.js';
import { attachFromCitizen } from './public.service.js';
import type { RequestDeps } from './requests.service.js';
import { PhoneQuery, TrackingParams } from './requests.schemas.js';

const Attachment = Type.Object({
  id: Uuid,
  filename: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  createdAt: Type.String(),
  byCitizen: Type.Boolean(),
});

export async function attachmentRoutes(fastify: FastifyInstance, deps: RequestDeps) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/requests/:id/attachments',
    {
      schema: {
        tags: ['requests'],
        summary: '附件列表',
        params: IdParams,
        response: { 200: Type.Array(Attachment), ...errors(400, 401, 403, 404) },
      },
    },
    (req) => listAttachments(deps, actorOf(req), req.params.id),
  );
  app.post(
    '/requests/:id/attachments',
    {
      schema: {
        tags: ['requests'],
        summary: '上传附件（JPG/PNG/PDF/Word/Excel，10 MB 以内）',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 201: Attachment, ...errors(400, 401, 403, 404, 413, 415, 422) },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const file = await readSingleFile(req, MAX_ATTACHMENT_BYTES);
      return reply.status(201).send(await attachByStaff(deps, actor, req.params.id, file));
    },
  );
  app.get(
    '/requests/:id/attachments/:attachmentId',
    {
      schema: {
        tags: ['requests'],
        summary: '下载附件（记入审计日志）',
        params: Type.Object({ id: Uuid, attachmentId: Uuid }),
        response: { ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const file = await readAttachment(deps, actorOf(req), req.params.id, req.params.attachmentId);
      reply.header('content-type', file.contentType);
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
      reply.header('x-content-type-options', 'nosniff');
      return reply.send(file.data);
    },
  );
  app.post(
    '/public/requests/:trackingNo/attachments',
    {
      schema: {
        tags: ['public'],
        summary: '群众补正材料上传（凭受理编号和手机号）',
        consumes: ['multipart/form-data'],
        params: TrackingParams,
        querystring: PhoneQuery,
        response: { 201: Attachment, ...errors(400, 404, 409, 413, 415, 422, 429) },
      },
    },
    async (req, reply) => {
      const file = await readSingleFile(req, MAX_ATTACHMENT_BYTES);
      return reply.status(201).send(await attachFromCitizen(deps, req.params.trackingNo, req.query.phone, file, req.ip));
    },
  );
}
