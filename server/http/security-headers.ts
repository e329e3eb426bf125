import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyRequest } from 'fastify';
import helmet from 'helmet';

/**
 * The security headers of every answer (CSP without inline scripts, no framing, no MIME sniffing, HSTS behind
 * TLS, …), as helmet writes them. Our policy has no per-request part (no nonces), so helmet runs once here
 * against a recording response and the server sets the recorded headers on each answer.
 */
export function securityHeaders({ hsts }: { hsts: boolean }): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  const middleware = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd writes its styles at run time
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: hsts ? { maxAge: 31536000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
  let done = false;
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, () => (done = true));
  if (!done) throw new Error('helmet did not finish synchronously');
  return headers;
}

/**
 * The headers of an API answer (JSON, or a file to download): nothing there is a document to run, so the
 * policy forbids everything, as OWASP advises for APIs; and the answer is a few hundred bytes lighter than a
 * page's (the look-ups are the busiest answers we send).
 */
export function apiSecurityHeaders({ hsts }: { hsts: boolean }): Record<string, string> {
  return {
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
    ...(hsts ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

/**
 * Whether an answer travels over TLS as far as the server can tell, for HSTS (which must not be sent over plain
 * HTTP, RFC 6797 § 7.2). Behind a proxy we trust (LEGALHUB_TRUST_PROXY), the proxy's X-Forwarded-Proto says it: a
 * deployment behind an HTTPS proxy gets HSTS without any other setting, and the same instance's plain-HTTP health
 * checks do not. Without a trusted proxy, a TLS socket says it, or the operator does by asking for Secure cookies
 * (LEGALHUB_COOKIE_SECURE: the site is only reached over HTTPS).
 */
export function servedOverTls(request: FastifyRequest, config: { cookieSecure: boolean; trustProxy: boolean }): boolean {
  if (request.protocol === 'https') return true;
  return !config.trustProxy && config.cookieSecure;
}

/** The four header sets (page or API, with HSTS or without), made once; `pick` chooses one per answer. */
export function securityHeaderSets(config: { cookieSecure: boolean; trustProxy: boolean }) {
  const sets = {
    page: securityHeaders({ hsts: false }),
    pageTls: securityHeaders({ hsts: true }),
    api: apiSecurityHeaders({ hsts: false }),
    apiTls: apiSecurityHeaders({ hsts: true }),
  };
  return (request: FastifyRequest): Record<string, string> => {
    const tls = servedOverTls(request, config);
    if (request.url.startsWith('/api/')) return tls ? sets.apiTls : sets.api;
    return tls ? sets.pageTls : sets.page;
  };
}
