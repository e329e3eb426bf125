import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Hit {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Answer {
  status: number;
  body: string;
  /** wait this long before answering, to hold a sender mid-send */
  delayMs?: number;
}

export interface Receiver {
  /** `127.0.0.1:<port>` (what the Aliyun SDK takes as its endpoint) */
  endpoint: string;
  url: string;
  hits: Hit[];
  /** What the next requests are answered with. */
  answer: (hit: Hit) => Answer;
  close(): Promise<void>;
}

/** A local HTTP server on 127.0.0.1 that records every request and answers as told. */
export async function startReceiver(answer: (hit: Hit) => Answer): Promise<Receiver> {
  const receiver: Receiver = {
    endpoint: '',
    url: '',
    hits: [],
    answer,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://receiver');
      const hit: Hit = { method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, body };
      receiver.hits.push(hit);
      const a = receiver.answer(hit);
      setTimeout(() => {
        res.writeHead(a.status, { 'content-type': 'application/json', 'x-request-id': `rcv-${receiver.hits.length}` });
        res.end(a.body);
      }, a.delayMs ?? 0);
    });
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  receiver.endpoint = `127.0.0.1:${port}`;
  receiver.url = `http://127.0.0.1:${port}/hook`;
  return receiver;
}

/** Aliyun's answers to SendSms, as its API documents them. */
export const ALIYUN_OK: Answer = { status: 200, body: '{"Code":"OK","Message":"OK","BizId":"b1","RequestId":"r1"}' };
export const ALIYUN_LIMIT: Answer = {
  status: 200,
  body: '{"Code":"isv.BUSINESS_LIMIT_CONTROL","Message":"触发分钟级流控Permits:1","RequestId":"r2"}',
};
export const SERVER_ERROR: Answer = {
  status: 500,
  body: '{"Code":"InternalError","Message":"The request processing has failed.","RequestId":"r3"}',
};
