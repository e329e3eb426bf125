import type { FormRule } from 'antd';
import { isIdNumber, isPhone } from '../../shared/tracking.js';

/**
 * The checks on the fields that say who a person is, as the desk forms (受理登记, 法律援助窗口申请, 12348 转申请)
 * ask them; each form passes its own message. The server checks everything again.
 */

/** A text that must be given (spaces alone are not), of at most `max` characters: a name, a relation. */
export const requiredText = (message: string, max: number): FormRule[] => [{ required: true, whitespace: true, message }, { max }];

/**
 * A mobile number or a landline with its area code. An empty field is the `required` rule's business; with
 * `spacesAreEmpty` (a field that may be left out) spaces alone count as empty too, elsewhere they are a wrong number.
 */
export const phoneRule = (message: string, spacesAreEmpty = false): FormRule => ({
  validator: async (_, value: string | undefined) =>
    !(spacesAreEmpty ? value?.trim() : value) || isPhone(value ?? '') ? undefined : Promise.reject(new Error(message)),
});

/** An 18-digit resident ID number, or nothing. */
export const idNumberRule = (message: string): FormRule => ({
  validator: async (_, value: string | undefined) =>
    !value?.trim() || isIdNumber(value ?? '') ? undefined : Promise.reject(new Error(message)),
});
