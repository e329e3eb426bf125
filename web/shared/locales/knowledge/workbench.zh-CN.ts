/** knowledge/workbench 的文字（zh-CN）。 */
export const knowledgeWorkbench = {};
