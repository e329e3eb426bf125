/**
 * The home page's to-do list (GET /api/v1/me/todo), typed by the server's own declarations: type-only, so the
 * workbench's bundle carries none of the server and a change of shape fails the type check here.
 */
export type { DueItem, SupervisionItem, TodoQueue, TodoView } from '../../../server/modules/home/todo.types.js';
export type { SiteFigures } from '../../../server/modules/home/site-figures.js';
