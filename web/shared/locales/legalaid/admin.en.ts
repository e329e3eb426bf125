/** English for admin.zh-CN.ts: the same keys, no more and no fewer. */
import type { aidAdmin as zh } from './admin.zh-CN.js';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

export const aidAdmin: Strings<typeof zh> = {};
