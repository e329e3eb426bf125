/**
 * The one way the web app talks to the server: JSON over /api/v1 with the session cookie, the CSRF token
 * on every write, and the server's error shape `{ code, message, messageEn, details }` turned into ApiError.
 */

export const API_BASE = '/api/v1';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** the server's Chinese message */
    readonly messageZh: string,
    readonly messageEn: string,
    readonly details?: unknown,
  ) {
    super(messageEn);
    this.name = 'ApiError';
  }

  /** The message in the reader's language: Chinese unless the page is in English. */
  localized(language: string): string {
    return language.startsWith('en') ? this.messageEn : this.messageZh;
  }
}

/** The request never got an answer from the server (offline, proxy down, answer not JSON). */
export class NetworkError extends Error {
  constructor(readonly status: number | null) {
    super(status === null ? 'network error' : `unexpected answer (HTTP ${status})`);
    this.name = 'NetworkError';
  }
}

let csrfToken: string | null = null;
const unauthenticatedListeners = new Set<() => void>();

/** The session's CSRF token, from the login answer or GET /me. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server answers 401 to a signed-in request: the session ended (expired, disabled, reset). */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export type QueryValue = string | number | boolean | null | undefined;

export function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

interface ErrorBody {
  code: string;
  message: string;
  messageEn: string;
  details?: unknown;
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && typeof v.message === 'string' && typeof v.messageEn === 'string';
}

interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
}

async function request<T>(method: string, path: string, { query, body, signal }: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}${queryString(query)}`, {
      method,
      headers,
      body: payload,
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError(null);
  }
  if (response.status === 204) return undefined as T;
  const json: unknown = await response.json().catch(() => undefined);
  if (response.ok) {
    if (json === undefined) throw new NetworkError(response.status);
    return json as T;
  }
  if (!isErrorBody(json)) throw new NetworkError(response.status);
  if (response.status === 401 && path !== '/auth/login') for (const listener of unauthenticatedListeners) listener();
  throw new ApiError(response.status, json.code, json.message, json.messageEn, json.details);
}

/**
 * A POST whose answer is a file (an .xlsx made for this request, so no link can fetch it): the bytes, or the
 * server's error as ApiError.
 */
async function postForFile(path: string, body: unknown): Promise<Blob> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, { method: 'POST', headers, body: JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    throw new NetworkError(null);
  }
  if (response.ok) return response.blob();
  const json: unknown = await response.json().catch(() => undefined);
  if (!isErrorBody(json)) throw new NetworkError(response.status);
  if (response.status === 401) for (const listener of unauthenticatedListeners) listener();
  throw new ApiError(response.status, json.code, json.message, json.messageEn, json.details);
}

/** A file the server made for a GET (an export): its bytes and the headers that describe it. */
export interface FileAnswer {
  blob: Blob;
  /** the name the server gave it (Content-Disposition), or null */
  fileName: string | null;
  headers: Headers;
}

function fileNameOf(disposition: string | null): string | null {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      return null;
    }
  }
  return /filename="?([^";]+)"?/i.exec(disposition ?? '')?.[1] ?? null;
}

/** A GET whose answer is a file (an .xlsx export): the bytes, or the server's error as ApiError. */
async function getFile(path: string, query?: Record<string, QueryValue>): Promise<FileAnswer> {
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}${queryString(query)}`, { credentials: 'same-origin' });
  } catch {
    throw new NetworkError(null);
  }
  if (response.ok)
    return { blob: await response.blob(), fileName: fileNameOf(response.headers.get('content-disposition')), headers: response.headers };
  const json: unknown = await response.json().catch(() => undefined);
  if (!isErrorBody(json)) throw new NetworkError(response.status);
  if (response.status === 401) for (const listener of unauthenticatedListeners) listener();
  throw new ApiError(response.status, json.code, json.message, json.messageEn, json.details);
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  del: <T = void>(path: string) => request<T>('DELETE', path),
  /** multipart upload (the body is a FormData) */
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, { body: form }),
  postForFile,
  getFile,
};
