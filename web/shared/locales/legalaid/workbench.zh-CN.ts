/** 法律援助：workbench 的文字（zh-CN）。 */
export const aidWorkbench = {};
