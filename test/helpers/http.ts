import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { Session, TestApp } from './app.js';

const CJK = /[\u4e00-\u9fff]/;

export interface ErrorAnswer {
  code: string;
  message: string;
  messageEn: string;
  details?: unknown;
}

/** Asserts an error answer: its status, its stable code, and the Chinese/English message pair every error carries. */
export function assertError(res: LightMyRequestResponse, status: number, code: string): ErrorAnswer {
  assert.equal(res.statusCode, status, `expected ${status} ${code}, got ${res.statusCode} ${res.body.slice(0, 300)}`);
  const body = res.json() as ErrorAnswer;
  assert.equal(body.code, code);
  assert.match(body.message, CJK, 'the message is Chinese');
  assert.ok(typeof body.messageEn === 'string' && body.messageEn.length > 0 && !CJK.test(body.messageEn), 'messageEn is English');
  return body;
}

let addresses = 0;
/** A client address no other request of this file uses, so the per-address sign-in limit only meets the tests aimed at it. */
export function freshAddress(): string {
  addresses++;
  return `10.200.${(addresses >> 8) & 255}.${addresses & 255}`;
}

/** One sign-in attempt, whatever its outcome (the harness's login() throws on anything but 200). */
export function attemptLogin(
  t: TestApp,
  username: string,
  password: string,
  options: { remoteAddress?: string; cookie?: string; headers?: Record<string, string> } = {},
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
    remoteAddress: options.remoteAddress ?? freshAddress(),
    headers: { ...(options.cookie ? { cookie: options.cookie } : {}), ...options.headers },
  });
}

/** The session a successful sign-in answer opened. */
export function sessionOf(res: LightMyRequestResponse): Session {
  assert.equal(res.statusCode, 200, res.body);
  const cookie = res.cookies.find((c) => c.name === 'lh_session');
  assert.ok(cookie, 'the answer sets the session cookie');
  const body = res.json();
  return { cookie: `lh_session=${cookie.value}`, csrfToken: body.csrfToken, user: body };
}

/** Whether a session still lets its holder in. */
export async function isSignedIn(t: TestApp, session: Session): Promise<boolean> {
  const res = await t.as(session, { url: '/api/v1/me' });
  if (res.statusCode === 401) return false;
  assert.equal(res.statusCode, 200, res.body);
  return true;
}

/** A full mobile number in the text (with some surroundings, for the failure message), or null. Ids are left
 *  out first: a uuid can hold eleven digits in a row. */
export function findFullMobile(text: string): string | null {
  const withoutIds = text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<id>');
  return withoutIds.match(/.{0,60}(?<!\d)1[3-9]\d{9}(?!\d).{0,20}/)?.[0] ?? null;
}
