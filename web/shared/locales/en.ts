/** English. The types make it carry exactly the keys of zh-CN.ts, no more and no fewer. */
export { common } from './en.common.js';
export { portal } from './en.portal.js';
export { workbench } from './en.workbench.js';
