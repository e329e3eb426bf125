import { sql, type RawBuilder } from 'kysely';
import { containsPattern } from '../../db/like.js';
import type { PersonalDataCipher } from '../../security/personal-data.js';
import { normalizeIdNumber } from './id-number.js';
import { normalizePhone } from './intake.service.js';
import { normalizeTrackingNo } from './tracking-no.js';

/**
 * What a staff member typed into a list's search box, read the ways citizens give it: a tracking number as printed
 * (`261207-83T3-6VVM`), spoken or typed loosely (`261207 83t3 6vvm`, O for 0); a full phone number or ID number,
 * matched through their blind indexes (the same normalising and hash as the citizen's own look-up and the
 * intake); and plain text for names and the rest. One reading for every list that finds requests.
 */
export interface SearchTerms {
  /** the words as typed, for names and text (LIKE) */
  text: string;
  /** the tracking number's canonical form if the words can be one, or a piece of one (4 characters or more) */
  trackingNo: string | null;
  /** whether `trackingNo` is a whole number (an equality look-up) rather than a piece */
  wholeTrackingNo: boolean;
  /** the phone's blind index, when the words are a whole mobile or landline number */
  phoneHash: string | null;
  /** the ID number's blind index, when the words are a whole 18-character ID number */
  idHash: string | null;
}

const WHOLE_TRACKING_NO = /^[0-9]{6}[0-9A-HJKMNP-TV-Z]{8}$/;
const PHONE = /^(1[3-9][0-9]{9}|0[0-9]{2,3}[0-9]{7,8})$/;
const ID_NUMBER = /^[0-9]{17}[0-9X]$/;

export function searchTerms(input: string, cipher: PersonalDataCipher): SearchTerms {
  const text = input.trim();
  const tracking = normalizeTrackingNo(text);
  const phone = normalizePhone(text);
  const idNumber = normalizeIdNumber(text).replace(/[\s-]/g, '');
  const trackable = /^[0-9A-Z]{4,14}$/.test(tracking);
  return {
    text,
    trackingNo: trackable ? tracking : null,
    wholeTrackingNo: trackable && WHOLE_TRACKING_NO.test(tracking),
    phoneHash: PHONE.test(phone) ? cipher.hash(phone) : null,
    idHash: ID_NUMBER.test(idNumber) ? cipher.hash(idNumber) : null,
  };
}

/**
 * The conditions on a request row (aliased `r`) that these terms find: its tracking number, phone or ID number.
 * Each list adds its own text conditions (a name, a case number…) to the same OR.
 */
export function requestMatches(terms: SearchTerms): RawBuilder<boolean>[] {
  const out: RawBuilder<boolean>[] = [];
  if (terms.trackingNo)
    out.push(
      terms.wholeTrackingNo
        ? sql<boolean>`r.tracking_no = ${terms.trackingNo}`
        : sql<boolean>`r.tracking_no like ${containsPattern(terms.trackingNo)}`,
    );
  if (terms.phoneHash) out.push(sql<boolean>`r.requester_phone_hash = ${terms.phoneHash}`);
  if (terms.idHash) out.push(sql<boolean>`r.requester_id_hash = ${terms.idHash}`);
  return out;
}
