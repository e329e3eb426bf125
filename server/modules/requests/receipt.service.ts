import QRCode from 'qrcode';
import type { Actor } from '../auth/actor.js';
import type { Policy } from '../timelimits/rules.js';
import { lastDayOf } from './due-scanner.js';
import { loadScoped, type RequestDeps } from './requests.service.js';
import { formatTrackingNo } from './tracking-no.js';

/**
 * What a receipt (受理回执) prints, A4 or a narrow slip: the tracking number, what was taken where and by whom,
 * the time limit, and a QR code of the tracking page (the phone is asked there, never put in the code).
 */
export async function receiptFor(deps: RequestDeps, actor: Actor, id: string, origin: string) {
  const r = await loadScoped(deps, actor, id);
  const trackUrl = `${deps.publicUrl ?? origin}/track?no=${r.tracking_no}`;
  const qrSvg = await QRCode.toString(trackUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  // the person who took it at the desk, not whoever holds it now (an online request has none)
  const taker = r.received_by
    ? await deps.db.selectFrom('staff').select('display_name').where('id', '=', r.received_by).executeTakeFirst()
    : undefined;
  return {
    trackingNo: r.tracking_no,
    trackingNoFormatted: formatTrackingNo(r.tracking_no),
    serviceItemName: r.service_item_name,
    requesterName: r.requester_name,
    requesterPhone: r.requester_phone_masked,
    regionName: r.region_name,
    description: r.description,
    receivedAt: r.created_at.toISOString(),
    receivedSiteName: r.received_site_name ?? '',
    receivedByName: taker?.display_name ?? '',
    dueAt: r.due_at ? r.due_at.toISOString() : null,
    lastDay: r.due_at ? lastDayOf(r.due_at) : null,
    timeLimit: r.time_limit as Policy,
    trackUrl,
    qrSvg,
  };
}
