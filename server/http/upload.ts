import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

/** Reads the one file of a multipart request, within a size limit; anything else is the caller's mistake. */
export async function readSingleFile(
  req: FastifyRequest,
  maxBytes: number,
): Promise<{ filename: string; data: Buffer; fields: Record<string, string> }> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  let part;
  let data: Buffer;
  try {
    part = await req.file({ limits: { fileSize: maxBytes, files: 1 } });
    if (!part) throw new AppError('VALIDATION_FAILED', [{ field: 'file', problem: 'no file' }]);
    data = await part.toBuffer();
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE');
    // the multipart parser throws plain errors for a missing boundary or a cut-off body: the caller's mistake
    throw new AppError('VALIDATION_FAILED', [{ field: 'file', problem: error instanceof Error ? error.message : 'unreadable upload' }]);
  }
  if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE');
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(part.fields)) {
    const v = Array.isArray(value) ? value[0] : value;
    if (v && 'value' in v && typeof v.value === 'string') fields[key] = v.value;
  }
  return { filename: part.filename, data, fields };
}
