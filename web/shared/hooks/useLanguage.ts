import { useTranslation } from 'react-i18next';
import { changeLanguage, isEnglish, type Language } from '../i18n.js';

/** The current language and a toggle between Chinese and English, for the language switch of either app. */
export function useLanguage(): { language: Language; toggle: () => void } {
  const { i18n } = useTranslation();
  const language: Language = isEnglish(i18n.language) ? 'en' : 'zh-CN';
  return { language, toggle: () => void changeLanguage(language === 'en' ? 'zh-CN' : 'en') };
}
