import { useTranslation } from 'react-i18next';

/**
 * What a one-time notice (一次性告知) most often asks for: the application's base materials (rules.ts
 * BASE_MATERIALS) and those a claim or a status adds. The notice goes to the applicant in Chinese whatever the
 * clerk's language, so the items are sent in their zh-CN wording.
 */
export const MATERIAL_SUGGESTIONS = [
  'applicationForm',
  'identity',
  'caseMaterials',
  'hardshipStatement',
  'householdRegister',
  'labourProof',
  'injuryProof',
  'accidentReport',
  'medicalRecords',
  'assistanceProof',
  'proxyAuthority',
  'courtDocuments',
] as const;
export type MaterialSuggestion = (typeof MATERIAL_SUGGESTIONS)[number];

export function useMaterialText(): (key: MaterialSuggestion) => string {
  const { i18n } = useTranslation('workbench');
  const zh = i18n.getFixedT('zh-CN', 'workbench');
  return (key) => zh(`aid.materials.${key}`);
}
