/**
 * i18next for both apps. Chinese (zh-CN) is the primary language; English follows. Each app loads only
 * its own namespaces (the portal never ships the workbench's strings). The choice is kept in localStorage.
 */
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type * as zhCN from './locales/zh-CN.js';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export type Namespace = 'common' | 'portal' | 'workbench';

const STORAGE_KEY = 'legalhub.language';

export function storedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

function reflectLanguage(language: string): void {
  document.documentElement.lang = language;
}

/** The strings of the namespaces an app loads, per language (each app imports only its own, so a bundle carries no other app's strings). */
export type Resources = Record<Language, Partial<Record<Namespace, object>>>;

export async function initI18n(resources: Resources): Promise<I18n> {
  const namespaces = Object.keys(resources['zh-CN']) as Namespace[];
  await i18next.use(initReactI18next).init({
    resources,
    lng: storedLanguage(),
    fallbackLng: 'zh-CN',
    ns: [...namespaces],
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  reflectLanguage(i18next.language);
  i18next.on('languageChanged', reflectLanguage);
  return i18next;
}

export async function changeLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // private mode: the choice lasts for this page only
  }
  await i18next.changeLanguage(language);
}

export function isEnglish(language: string): boolean {
  return language.startsWith('en');
}

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: {
      common: typeof zhCN.common;
      portal: typeof zhCN.portal;
      workbench: typeof zhCN.workbench;
    };
  }
}
