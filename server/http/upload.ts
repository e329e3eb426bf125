import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

/** Reads the one file of a multipart request, within a size limit; anything else is the caller's mistake. */
export async function readSingleFile(
  req: FastifyRequest,
  maxBytes: number,
): Promise<{ filename: string; data: Buffer; fields: Record<string, string> }> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  const part = await req.file({ limits: { fileSize: maxBytes, files: 1 } });
  if (!part) throw new AppError('VALIDATION_FAILED', [{ field: 'file', problem: 'no file' }]);
  const data = await part.toBuffer();
  if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE');
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(part.fields)) {
    const v = Array.isArray(value) ? value[0] : value;
    if (v && 'value' in v && typeof v.value === 'string') fields[key] = v.value;
  }
  return { filename: part.filename, data, fields };
}
