import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from '../shared/i18n.js';
import { common as enCommon } from '../shared/locales/en.common.js';
import { workbench as enWorkbench } from '../shared/locales/en.workbench.js';
import { common } from '../shared/locales/zh-CN.common.js';
import { workbench } from '../shared/locales/zh-CN.workbench.js';
import { WorkbenchApp } from './WorkbenchApp.js';
import './workbench.css';

void initI18n({ 'zh-CN': { common, workbench }, en: { common: enCommon, workbench: enWorkbench } }).then(() => {
  const root = document.getElementById('root');
  if (!root) throw new Error('#root missing from workbench/index.html');
  createRoot(root).render(
    <StrictMode>
      <WorkbenchApp />
    </StrictMode>,
  );
});
