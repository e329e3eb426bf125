import QRCode from 'qrcode';
import { AppError } from '../../http/errors.js';
import { hit } from '../auth/rate-limit.js';
import { enqueue } from '../notify/outbox.js';
import { maskPhone } from '../org/mask.js';
import { lastDayOf } from './due-scanner.js';
import { MOBILE, normalizePhone } from './intake.service.js';
import { findForCitizen, SUBMISSION_WINDOW_SECONDS } from './public.service.js';
import type { RequestDeps } from './requests.service.js';
import { formatTrackingNo } from './tracking-no.js';

/*
 * The citizen's own receipt, and their tracking number again by text. Both need the pair the citizen was just
 * shown (tracking number + the phone given with it) and answer 404 for any other pair, like the look-up; both
 * count against the look-up's per-address limit, and a text against its own limits too.
 */

/** What the done page shows: the number, what and where, the time limit, and the tracking page's QR code. */
export async function receiptForCitizen(deps: RequestDeps, trackingNo: string, phone: string, ip: string, origin: string) {
  const row = await findForCitizen(deps, trackingNo, phone, ip);
  // the code holds the page and the number, never the phone: that is asked on the page
  const trackUrl = `${(deps.publicUrl ?? origin).replace(/\/$/, '')}/track?no=${row.tracking_no}`;
  const dueAt = row.due_at ? new Date(row.due_at) : null;
  return {
    trackingNo: row.tracking_no,
    trackingNoFormatted: formatTrackingNo(row.tracking_no),
    serviceItemName: row.service_item_name,
    handlerSiteName: row.handler_site_name,
    receivedAt: new Date(row.created_at).toISOString(),
    dueAt: dueAt?.toISOString() ?? null,
    lastDay: dueAt ? lastDayOf(dueAt) : null,
    phoneMasked: maskPhone(normalizePhone(phone)),
    trackUrl,
    qrSvg: await QRCode.toString(trackUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }),
  };
}

/** How often one address may ask for a text, and how often one request's number is texted in a day. */
export const RESENDS_PER_ADDRESS = 10;
export const RESENDS_PER_REQUEST = 3;
export const RESEND_REQUEST_WINDOW_SECONDS = 24 * 3600;

/**
 * "Send me this number by text": one SMS with the tracking number to the phone given with it (the receipt's
 * template, so no new text needs approving at the provider). At most 3 a day for one request — a refusal then
 * is RESEND_LIMIT, not a rate limit, since it is about the request and not the address asking.
 */
export async function resendTrackingNo(deps: RequestDeps, trackingNo: string, phone: string, ip: string) {
  if ((await hit(deps.db, `resend:${ip}`, SUBMISSION_WINDOW_SECONDS)) > RESENDS_PER_ADDRESS)
    throw new AppError('RATE_LIMITED', { retryAfterSeconds: SUBMISSION_WINDOW_SECONDS });
  const row = await findForCitizen(deps, trackingNo, phone, ip);
  const mobile = normalizePhone(phone);
  if (!MOBILE.test(mobile)) throw new AppError('TEXT_NOT_POSSIBLE');
  if ((await hit(deps.db, `resend-request:${row.id}`, RESEND_REQUEST_WINDOW_SECONDS)) > RESENDS_PER_REQUEST)
    throw new AppError('RESEND_LIMIT', { perDay: RESENDS_PER_REQUEST });
  await enqueue(deps.db, deps.cipher, [
    {
      requestId: row.id,
      channel: 'sms',
      recipient: mobile,
      template: 'requestReceived',
      payload: { no: formatTrackingNo(row.tracking_no), item: row.service_item_name },
    },
  ]);
  return { trackingNo: row.tracking_no, sentTo: maskPhone(mobile) };
}
