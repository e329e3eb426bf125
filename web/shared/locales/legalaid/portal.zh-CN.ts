/** 法律援助：portal 的文字（zh-CN）。 */
export const aidPortal = {};
