import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from '../shared/i18n.js';
import { common as enCommon } from '../shared/locales/en.common.js';
import { portal as enPortal } from '../shared/locales/en.portal.js';
import { common } from '../shared/locales/zh-CN.common.js';
import { portal } from '../shared/locales/zh-CN.portal.js';
import { applyStoredElderMode } from './useElderMode.js';
import { PortalApp } from './PortalApp.js';
import './portal.css';

// before the first paint, so that an elderly reader never sees the small type flash by
applyStoredElderMode();

void initI18n({ 'zh-CN': { common, portal }, en: { common: enCommon, portal: enPortal } }).then(() => {
  const root = document.getElementById('root');
  if (!root) throw new Error('#root missing from index.html');
  createRoot(root).render(
    <StrictMode>
      <PortalApp />
    </StrictMode>,
  );
});
