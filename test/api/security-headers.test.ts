import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

test('API answers forbid everything a document could do; pages get a CSP without inline scripts', async () => {
  const api = await t.app.inject({ url: '/api/v1/service-items' });
  assert.equal(api.statusCode, 200);
  assert.equal(api.headers['content-security-policy'], "default-src 'none'; frame-ancestors 'none'");
  assert.equal(api.headers['x-content-type-options'], 'nosniff');
  assert.equal(api.headers['x-frame-options'], 'DENY');
  assert.equal(api.headers['strict-transport-security'], undefined, 'no HSTS without TLS');
  const refused = await t.app.inject({ url: '/api/v1/knowledge/search?q=' });
  assert.equal(refused.statusCode, 400);
  assert.equal(refused.headers['x-content-type-options'], 'nosniff', 'errors too');

  // any address outside the API is (or may become) a page: helmet's full set, with our policy
  const docs = await t.app.inject({ url: '/no-such-page', headers: { accept: 'text/html' } });
  const csp = String(docs.headers['content-security-policy']);
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp.match(/script-src[^;]*/)![0], /unsafe-inline/);
  assert.match(csp, /frame-ancestors 'none'/);
});
