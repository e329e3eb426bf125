import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { actorOf } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import { errors } from '../../http/schemas.js';
import { readSingleFile } from '../../http/upload.js';
import { requirePermission } from '../auth/actor.js';
import { importStaff, staffImportTemplate } from './staff-import.js';

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function staffImportRoutes(fastify: FastifyInstance, { db }: { db: Kysely<DB> }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/staff/import-template',
    { schema: { tags: ['staff'], summary: '下载工作人员导入模板（.xlsx）', produces: [XLSX], response: { ...errors(401, 403) } } },
    async (req, reply) => {
      requirePermission(actorOf(req), 'org.manage');
      reply.header('content-type', XLSX);
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('工作人员导入模板.xlsx')}`);
      return reply.send(await staffImportTemplate());
    },
  );

  app.post(
    '/staff/import',
    {
      schema: {
        tags: ['staff'],
        summary: '从 Excel 导入工作人员（有错误行则全部不导入）',
        consumes: ['multipart/form-data'],
        response: {
          201: Type.Object({
            created: Type.Array(
              Type.Object({ row: Type.Integer(), username: Type.String(), displayName: Type.String(), temporaryPassword: Type.String() }),
            ),
          }),
          ...errors(400, 401, 403, 413, 415, 422),
        },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      requirePermission(actor, 'org.manage');
      const { data: buffer } = await readSingleFile(req, MAX_IMPORT_BYTES);
      // an .xlsx is a zip: look at the bytes, not at the name or the declared type
      if (buffer.length < 4 || buffer.readUInt32LE(0) !== 0x04034b50) throw new AppError('XLSX_UNREADABLE');
      return reply.status(201).send(await importStaff(db, actor, buffer));
    },
  );
}
