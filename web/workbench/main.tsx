import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from '../shared/i18n.js';
import { WorkbenchApp } from './WorkbenchApp.js';
import './workbench.css';

void initI18n(['common', 'workbench']).then(() => {
  const root = document.getElementById('root');
  if (!root) throw new Error('#root missing from workbench/index.html');
  createRoot(root).render(
    <StrictMode>
      <WorkbenchApp />
    </StrictMode>,
  );
});
