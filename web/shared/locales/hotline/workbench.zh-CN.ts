/** hotline/workbench 的文字（zh-CN）。 */
export const hotlineWorkbench = {};
