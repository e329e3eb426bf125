import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, type ErrorCode } from './errors.js';
import { isUniqueViolation, sqlState } from '../db/pg-errors.js';

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  params?: unknown;
}

/** Maps Fastify's own errors (validation, body parsing, size) to coded 4xx; anything unknown is a logged 500. */
function fromFastify(error: FastifyError): AppError | undefined {
  if (error.validation) {
    const issues = (error.validation as ValidationIssue[]).map((v) => ({
      field: `${error.validationContext ?? 'body'}${v.instancePath ?? ''}`,
      problem: v.message ?? 'invalid',
    }));
    return new AppError('VALIDATION_FAILED', issues);
  }
  const byCode: Record<string, ErrorCode> = {
    FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
    FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
    FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
    FST_REQ_FILE_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
    FST_FILES_LIMIT: 'PAYLOAD_TOO_LARGE',
    FST_PARTS_LIMIT: 'PAYLOAD_TOO_LARGE',
    FST_FIELDS_LIMIT: 'PAYLOAD_TOO_LARGE',
    FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
    FST_INVALID_MULTIPART_CONTENT_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
    FST_ERR_BAD_URL: 'VALIDATION_FAILED',
    FST_ERR_ASYNC_CONSTRAINT: 'VALIDATION_FAILED',
  };
  const code = error.code ? byCode[error.code] : undefined;
  if (code) return new AppError(code);
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    // a 4xx from a plugin we did not name above: keep it a caller error, never a 500
    if (error.statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE');
    if (error.statusCode === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE');
    if (error.statusCode === 429) return new AppError('RATE_LIMITED');
    return new AppError('VALIDATION_FAILED');
  }
  return undefined;
}

/**
 * A database refusal that only a caller's input can cause: a unique key taken by a concurrent request, a value
 * out of a column's range. Services check these first; this is the net under the race between check and write.
 */
function fromDatabase(error: unknown): AppError | undefined {
  const code = sqlState(error);
  if (isUniqueViolation(error)) return new AppError('DUPLICATE');
  if (code === '22003' || code === '22007' || code === '22008' || code === '22P02') return new AppError('VALIDATION_FAILED');
  return undefined;
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = error instanceof AppError ? error : (fromFastify(error) ?? fromDatabase(error));
    if (appError) {
      if (appError.status >= 500) request.log.error({ err: error }, appError.code);
      const retryAfter = (appError.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
      // a 429 says when to come back (RFC 6585), in the header clients and proxies read as well as in the body
      if (appError.status === 429 && typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
      return reply.status(appError.status).send(appError.toBody());
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(new AppError('INTERNAL').toBody());
  });
}
