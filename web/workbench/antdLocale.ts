import type { ConfigProviderProps } from 'antd';
import * as enUSModule from 'antd/es/locale/en_US.js';
import * as zhCNModule from 'antd/es/locale/zh_CN.js';

type Locale = NonNullable<ConfigProviderProps['locale']>;

/**
 * antd ships its locales as ES modules in a package without "type": "module": TypeScript (NodeNext) reads
 * them as CommonJS (the locale one `default` deeper) while the bundler reads them as ESM. Unwrapping at
 * run time is right under both readings.
 */
function unwrap(module: unknown): Locale {
  let value = module;
  while (typeof value === 'object' && value !== null && !('locale' in value) && 'default' in value) value = value.default;
  return value as Locale;
}

export const antdLocales: Record<'zh-CN' | 'en', Locale> = { 'zh-CN': unwrap(zhCNModule), en: unwrap(enUSModule) };
