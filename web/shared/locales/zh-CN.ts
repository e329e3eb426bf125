/**
 * 简体中文（主语言）. Every string the web app shows comes from here or from en.ts, which must have the
 * same keys (its type is derived from this file). Namespaces: common (both apps), portal, workbench.
 */
export { common } from './zh-CN.common.js';
export { portal } from './zh-CN.portal.js';
export { workbench } from './zh-CN.workbench.js';
