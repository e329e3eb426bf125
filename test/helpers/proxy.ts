import http from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A small reverse proxy in front of several server instances, doing what the usual nginx set-up does:
 *
 *   upstream legalhub { server a max_fails=1 fail_timeout=10s; server b …; }   # round robin
 *   proxy_set_header Host $host;
 *   proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
 *   proxy_set_header X-Forwarded-Proto $scheme;
 *   proxy_next_upstream error;                                                # try the next one on a refused connection
 *
 * A new connection per request (nginx's default towards upstreams), so a dead instance shows at once as a refused
 * connection: it is marked down for `failTimeoutMs` and the request goes to the next one. A request that reached
 * an instance which then died is retried only when it is idempotent (GET, HEAD), as nginx does; anything else
 * answers 502, since the instance may have acted on it.
 */

export interface Upstream {
  url: string;
  /** requests this upstream answered */
  served: number;
  /** connection failures seen */
  failures: number;
  downUntil: number;
}

export interface Proxy {
  url: string;
  port: number;
  upstreams: Upstream[];
  /** answers the proxy made itself because no upstream could (502) */
  badGateways: number;
  isDown(index: number): boolean;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function startProxy(upstreamUrls: string[], options: { failTimeoutMs?: number } = {}): Promise<Proxy> {
  const failTimeoutMs = options.failTimeoutMs ?? 10_000;
  const upstreams: Upstream[] = upstreamUrls.map((url) => ({ url, served: 0, failures: 0, downUntil: 0 }));
  let next = 0;
  const proxy: Proxy = {
    url: '',
    port: 0,
    upstreams,
    badGateways: 0,
    isDown: (i) => upstreams[i]!.downUntil > Date.now(),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };

  /** The next upstream in turn that is not marked down and not yet tried for this request. */
  function pick(tried: Set<number>): number | undefined {
    for (let k = 0; k < upstreams.length; k++) {
      const i = (next + k) % upstreams.length;
      if (!tried.has(i) && !proxy.isDown(i)) {
        next = (i + 1) % upstreams.length;
        return i;
      }
    }
    return undefined;
  }

  function forward(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse, tried: Set<number>) {
    const i = pick(tried);
    if (i === undefined) {
      proxy.badGateways++;
      res.writeHead(502, { 'content-type': 'text/plain' }).end('502 Bad Gateway');
      return;
    }
    tried.add(i);
    const upstream = upstreams[i]!;
    const target = new URL(req.url ?? '/', upstream.url);
    const headers: http.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = value;
    const client = req.socket.remoteAddress ?? '';
    const earlier = req.headers['x-forwarded-for'];
    headers['x-forwarded-for'] = earlier ? `${String(earlier)}, ${client}` : client;
    headers['x-forwarded-proto'] = 'http';
    headers['x-real-ip'] = client;
    headers['content-length'] = String(body.length);
    headers.connection = 'close';
    let answered = false;
    const out = http.request(target, { method: req.method, headers, agent: false }, (up) => {
      answered = true;
      upstream.served++;
      const back: http.OutgoingHttpHeaders = { 'x-upstream': String(i) };
      for (const [name, value] of Object.entries(up.headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) back[name] = value;
      res.writeHead(up.statusCode ?? 502, back);
      up.pipe(res);
    });
    out.on('error', (error: NodeJS.ErrnoException) => {
      if (answered) return res.destroy(error);
      upstream.failures++;
      upstream.downUntil = Date.now() + failTimeoutMs;
      // a refused connection never reached the instance: any request may go on; otherwise only a safe one
      if (error.code === 'ECONNREFUSED' || IDEMPOTENT.has(req.method ?? '')) return forward(req, body, res, tried);
      proxy.badGateways++;
      res.writeHead(502, { 'content-type': 'text/plain' }).end('502 Bad Gateway');
    });
    out.end(body);
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => forward(req, Buffer.concat(chunks), res, new Set()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.port = (server.address() as AddressInfo).port;
  proxy.url = `http://127.0.0.1:${proxy.port}`;
  return proxy;
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** the body parsed as JSON, typed as the caller expects it */
  json<T>(): T;
}

/**
 * An HTTP client that connects from a chosen loopback address (127.0.0.x), so that one machine can be several
 * citizens as far as a proxy's X-Forwarded-For is concerned, and that keeps a session cookie like a browser.
 */
export class Client {
  cookie = '';
  csrfToken = '';
  constructor(
    readonly baseUrl: string,
    readonly localAddress = '127.0.0.1',
  ) {}

  request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const url = new URL(path, this.baseUrl);
    return new Promise<Answer>((resolve, reject) => {
      const req = http.request(
        url,
        {
          method,
          localAddress: this.localAddress,
          agent: false,
          headers: {
            ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
            ...(this.cookie ? { cookie: this.cookie } : {}),
            ...(this.csrfToken && method !== 'GET' ? { 'x-csrf-token': this.csrfToken } : {}),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            for (const c of res.headers['set-cookie'] ?? []) {
              const [pair] = c.split(';');
              if (pair?.startsWith('lh_session=')) this.cookie = pair.endsWith('=') ? '' : pair;
            }
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, json: <T>() => JSON.parse(text) as T });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body?: unknown, headers?: Record<string, string>) => this.request('POST', path, body ?? {}, headers);
}
