/** English for portal.zh-CN.ts: the same keys, no more and no fewer. */
import type { aidPortal as zh } from './portal.zh-CN.js';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

export const aidPortal: Strings<typeof zh> = {};
