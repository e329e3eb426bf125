import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../server/app.js';
import { resolveCipher } from '../../server/security/keys.js';
import type { PersonalDataCipher } from '../../server/security/personal-data.js';
import { createTestDatabase, DEMO_PASSWORD } from './db.js';

export interface Session {
  cookie: string;
  csrfToken: string;
  user: { id: string; username: string; regionCode: string; siteId: string; posts: string[] };
}

export interface TestApp {
  app: FastifyInstance;
  db: Awaited<ReturnType<typeof createTestDatabase>>['db'];
  cipher: PersonalDataCipher;
  engine: 'pglite' | 'postgres';
  /** Signs in (demo password by default) and returns the cookie and CSRF token to send back. */
  login(username: string, password?: string): Promise<Session>;
  /** An injected request as that session: cookie and CSRF header set. */
  as(session: Session | null, options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** The whole server on a private database with the demo county, driven through `inject` (no port). */
export async function startTestApp(): Promise<TestApp> {
  const database = await createTestDatabase();
  const cipher = await resolveCipher(database.config);
  const app = await buildApp({
    config: database.config,
    db: database.db,
    cipher,
    engine: database.engine,
    logger: process.env.TEST_LOG ? { level: 'error' } : false,
  });
  await app.ready();
  let n = 0;
  const login = async (username: string, password = DEMO_PASSWORD): Promise<Session> => {
    // each login from its own address, so that the per-address limit never meets a test by accident
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password },
      remoteAddress: `10.9.${(n >> 8) & 255}.${n++ & 255}`,
    });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'lh_session');
    if (!cookie) throw new Error('no session cookie');
    const body = res.json();
    return { cookie: `lh_session=${cookie.value}`, csrfToken: body.csrfToken, user: body };
  };
  const as: TestApp['as'] = (session, options) =>
    app.inject({
      ...options,
      headers: { ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {}), ...(options.headers ?? {}) },
    });
  return {
    app,
    db: database.db,
    cipher,
    engine: database.engine,
    login,
    as,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
