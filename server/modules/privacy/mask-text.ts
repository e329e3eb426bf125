import { maskPhone } from '../org/mask.js';
import { maskIdNumber } from '../requests/id-number.js';

/*
 * Phones and ID numbers that people type into free text (a request's description: "我的电话139…"), masked the
 * way the fields are, for lists and exports. The record's own page shows the text as written.
 */
const ID_NUMBER = /(?<![0-9])[1-9][0-9]{5}(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx](?![0-9])/g;
const MOBILE = /(?<![0-9])1[3-9][0-9](?:[-\s]?[0-9]{4}){2}(?![0-9])/g;

export function maskNumbersIn(text: string): string {
  return text.replace(ID_NUMBER, (id) => maskIdNumber(id)).replace(MOBILE, (m) => maskPhone(m.replace(/[-\s]/g, '')));
}
