/** 法律援助：admin 的文字（zh-CN）。 */
export const aidAdmin = {};
