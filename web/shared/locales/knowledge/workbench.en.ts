/** English for workbench.zh-CN.ts: the same keys, no more and no fewer. */
import type { knowledgeWorkbench as zh } from './workbench.zh-CN.js';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

export const knowledgeWorkbench: Strings<typeof zh> = {};
