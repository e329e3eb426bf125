import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { expectError, freshAddress, freshPhone, seedDispatched } from '../helpers/requests.js';
import { formatTrackingNo } from '../../server/modules/requests/tracking-no.js';
import { RESENDS_PER_ADDRESS, RESENDS_PER_REQUEST } from '../../server/modules/requests/citizen-receipt.service.js';

/* The done page's receipt with its QR code, and "send me this number by text": only with the pair just shown. */
let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const receipt = (trackingNo: string, phone: string, remoteAddress = freshAddress()) =>
  t.app.inject({ url: `/api/v1/public/requests/${trackingNo}/receipt?phone=${phone}`, remoteAddress });
const resend = (trackingNo: string, phone: string, remoteAddress = freshAddress()) =>
  t.app.inject({ method: 'POST', url: `/api/v1/public/requests/${trackingNo}/resend`, payload: { phone }, remoteAddress });

const textsTo = async (requestId: string, phone: string) =>
  (
    await t.db.selectFrom('outbox').selectAll().where('request_id', '=', requestId).where('channel', '=', 'sms').orderBy('id').execute()
  ).filter((m) => m.recipient_enc && t.cipher.decrypt(m.recipient_enc) === phone);

test('the citizen’s receipt: the number, what and where, the last day, and a QR code of the tracking page without the phone', async () => {
  const r = await seedDispatched(t);
  const res = await receipt(formatTrackingNo(r.trackingNo), r.phone);
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  assert.equal(body.trackingNo, r.trackingNo);
  assert.equal(body.trackingNoFormatted, formatTrackingNo(r.trackingNo));
  assert.equal(body.serviceItemName, '人民调解');
  assert.equal(body.handlerSiteName, '十里镇公共法律服务工作站');
  assert.match(body.lastDay, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(body.phoneMasked, `${r.phone.slice(0, 3)}****${r.phone.slice(-4)}`);
  assert.ok(body.trackUrl.endsWith(`/track?no=${r.trackingNo}`), body.trackUrl);
  assert.match(body.qrSvg, /^<svg[^>]*>[\s\S]*<\/svg>\s*$/);
  assert.ok(!res.body.includes(r.phone), 'the full phone is nowhere in the answer');
  assert.ok(!('requesterName' in body) && !('description' in body), 'no name, no description');

  const wrong = await receipt(r.trackingNo, '13900000000');
  const unknown = await receipt('260101ABCDEFGH', r.phone);
  expectError(wrong, 404, 'NOT_FOUND');
  assert.equal(wrong.body, unknown.body, 'a wrong phone and an unknown number look the same');
});

test('send me this number by text: one SMS with the number to the phone given; a wrong pair is 404 and sends nothing', async () => {
  const r = await seedDispatched(t);
  const before = (await textsTo(r.id, r.phone)).length;
  const res = await resend(r.trackingNo, r.phone);
  assert.equal(res.statusCode, 202, res.body);
  assert.deepEqual(res.json(), { trackingNo: r.trackingNo, sentTo: `${r.phone.slice(0, 3)}****${r.phone.slice(-4)}` });
  const texts = await textsTo(r.id, r.phone);
  assert.equal(texts.length, before + 1, 'exactly one text queued');
  const text = texts.at(-1)!;
  assert.equal(text.template, 'requestReceived');
  assert.deepEqual(text.payload, { no: formatTrackingNo(r.trackingNo), item: '人民调解' });
  assert.equal(text.status, 'pending');

  const stranger = freshPhone();
  expectError(await resend(r.trackingNo, stranger), 404, 'NOT_FOUND');
  assert.equal((await textsTo(r.id, stranger)).length, 0, 'nothing to a phone that does not match');
  assert.equal((await textsTo(r.id, r.phone)).length, before + 1);
});

test(`at most ${RESENDS_PER_REQUEST} texts a day for one request, from any address; a landline cannot take one`, async () => {
  const r = await seedDispatched(t);
  const before = (await textsTo(r.id, r.phone)).length;
  for (let i = 0; i < RESENDS_PER_REQUEST; i++) assert.equal((await resend(r.trackingNo, r.phone)).statusCode, 202);
  const refused = expectError(await resend(r.trackingNo, r.phone), 409, 'RESEND_LIMIT');
  assert.deepEqual(refused.details, { perDay: RESENDS_PER_REQUEST });
  assert.equal((await textsTo(r.id, r.phone)).length, before + RESENDS_PER_REQUEST);

  const landline = await seedDispatched(t, { phone: '0376-8881234' });
  expectError(await resend(landline.trackingNo, '0376-8881234'), 422, 'TEXT_NOT_POSSIBLE');
});

test(`one address may ask ${RESENDS_PER_ADDRESS} times in 10 minutes, right or wrong; then 429 with Retry-After`, async () => {
  const address = freshAddress();
  for (let i = 0; i < RESENDS_PER_ADDRESS; i++) assert.equal((await resend('260101ABCDEFGH', freshPhone(), address)).statusCode, 404);
  const limited = expectError(await resend('260101ABCDEFGH', freshPhone(), address), 429, 'RATE_LIMITED');
  void limited;
  const res = await resend('260101ABCDEFGH', freshPhone(), address);
  assert.ok(Number(res.headers['retry-after']) > 0);
});
