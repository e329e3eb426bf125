import { lazy, Suspense, useEffect } from 'react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { isEnglish } from '../shared/i18n.js';
import { antdLocales } from './antdLocale.js';
import { RequirePermission } from './components/RequirePermission.js';
import { RequireSession } from './components/RequireSession.js';
import { Shell } from './components/Shell.js';
import { useDayjsLocale } from './hooks/useDayjsLocale.js';
import { LoginPage } from './pages/LoginPage.js';
import { ResultPage } from './pages/ResultPage.js';
import { SessionProvider } from './session/SessionContext.js';
import { theme } from './theme.js';

// each page is its own chunk: signing in loads none of them
const HomePage = lazy(() => import('./pages/HomePage.js').then((m) => ({ default: m.HomePage })));
const RegionsPage = lazy(() => import('./pages/regions/RegionsPage.js').then((m) => ({ default: m.RegionsPage })));
const SitesPage = lazy(() => import('./pages/sites/SitesPage.js').then((m) => ({ default: m.SitesPage })));
const StaffPage = lazy(() => import('./pages/staff/StaffPage.js').then((m) => ({ default: m.StaffPage })));
const AuditPage = lazy(() => import('./pages/audit/AuditPage.js').then((m) => ({ default: m.AuditPage })));
const RequestsPage = lazy(() => import('./pages/requests/RequestsPage.js').then((m) => ({ default: m.RequestsPage })));
const RequestPage = lazy(() => import('./pages/requests/RequestPage.js').then((m) => ({ default: m.RequestPage })));
const IntakePage = lazy(() => import('./pages/requests/IntakePage.js').then((m) => ({ default: m.IntakePage })));
const ReceiptPage = lazy(() => import('./pages/requests/ReceiptPage.js').then((m) => ({ default: m.ReceiptPage })));
const AidCasesPage = lazy(() => import('./pages/legalaid/AidCasesPage.js').then((m) => ({ default: m.AidCasesPage })));
const AidCasePage = lazy(() => import('./pages/legalaid/AidCasePage.js').then((m) => ({ default: m.AidCasePage })));
const AidApplyPage = lazy(() => import('./pages/legalaid/AidApplyPage.js').then((m) => ({ default: m.AidApplyPage })));
const AidObjectionsPage = lazy(() => import('./pages/legalaid-admin/AidObjectionsPage.js').then((m) => ({ default: m.AidObjectionsPage })));
const AidProvidersPage = lazy(() => import('./pages/legalaid-admin/AidProvidersPage.js').then((m) => ({ default: m.AidProvidersPage })));
const AidSettingsPage = lazy(() => import('./pages/legalaid-admin/AidSettingsPage.js').then((m) => ({ default: m.AidSettingsPage })));
const KnowledgeEntriesPage = lazy(() =>
  import('./pages/knowledge/KnowledgeEntriesPage.js').then((m) => ({ default: m.KnowledgeEntriesPage })),
);
const KnowledgeEntryPage = lazy(() => import('./pages/knowledge/KnowledgeEntryPage.js').then((m) => ({ default: m.KnowledgeEntryPage })));
const HotlineRosterPage = lazy(() => import('./pages/hotline/HotlineRosterPage.js').then((m) => ({ default: m.HotlineRosterPage })));
const HotlineCallsPage = lazy(() => import('./pages/hotline/HotlineCallsPage.js').then((m) => ({ default: m.HotlineCallsPage })));
const HotlineFiguresPage = lazy(() => import('./pages/hotline/HotlineFiguresPage.js').then((m) => ({ default: m.HotlineFiguresPage })));
const CataloguePage = lazy(() => import('./pages/catalogue/CataloguePage.js').then((m) => ({ default: m.CataloguePage })));
const FeedbackPage = lazy(() => import('./pages/feedback/FeedbackPage.js').then((m) => ({ default: m.FeedbackPage })));
const CalendarPage = lazy(() => import('./pages/calendar/CalendarPage.js').then((m) => ({ default: m.CalendarPage })));
const PrivacyPage = lazy(() => import('./pages/privacy/PrivacyPage.js').then((m) => ({ default: m.PrivacyPage })));
const ChangePasswordPage = lazy(() => import('./pages/ChangePasswordPage.js').then((m) => ({ default: m.ChangePasswordPage })));

export function WorkbenchApp() {
  const { t, i18n } = useTranslation('workbench');
  const english = isEnglish(i18n.language);
  useDayjsLocale(english);
  useEffect(() => {
    document.title = `${t('brand')} · ${t('brandSub')}`;
  }, [t]);

  return (
    <ConfigProvider locale={antdLocales[english ? 'en' : 'zh-CN']} theme={theme}>
      <AntApp>
        <SessionProvider>
          <BrowserRouter basename="/workbench">
            <Suspense fallback={<Spin size="large" className="page-spin" />}>
              <Routes>
                <Route path="/login" element={<LoginPage />} />
                {/* the receipt prints on its own, without the menu and the header */}
                <Route
                  path="/requests/:id/receipt"
                  element={
                    <RequireSession>
                      <RequirePermission permission="org.read" element={<ReceiptPage />} />
                    </RequireSession>
                  }
                />
                <Route
                  element={
                    <RequireSession>
                      <Shell />
                    </RequireSession>
                  }
                >
                  <Route index element={<HomePage />} />
                  <Route
                    path="requests"
                    element={<RequirePermission permission={['requests.handle', 'requests.intake']} element={<RequestsPage />} />}
                  />
                  <Route path="requests/new" element={<RequirePermission permission="requests.intake" element={<IntakePage />} />} />
                  <Route
                    path="requests/:id"
                    element={<RequirePermission permission={['requests.handle', 'requests.intake']} element={<RequestPage />} />}
                  />
                  <Route
                    path="legal-aid"
                    element={
                      <RequirePermission
                        permission={['legalAid.review', 'legalAid.provide', 'legalAid.objection', 'requests.intake']}
                        element={<AidCasesPage />}
                      />
                    }
                  />
                  <Route path="legal-aid/new" element={<RequirePermission permission="requests.intake" element={<AidApplyPage />} />} />
                  <Route
                    path="legal-aid/objections"
                    element={<RequirePermission permission="legalAid.objection" element={<AidObjectionsPage />} />}
                  />
                  <Route
                    path="legal-aid/providers"
                    element={<RequirePermission permission={['legalAid.review', 'org.manage']} element={<AidProvidersPage />} />}
                  />
                  <Route
                    path="legal-aid/settings"
                    element={<RequirePermission permission={['legalAid.review', 'org.manage']} element={<AidSettingsPage />} />}
                  />
                  <Route
                    path="legal-aid/:id"
                    element={
                      <RequirePermission
                        permission={['legalAid.review', 'legalAid.provide', 'legalAid.objection', 'requests.intake']}
                        element={<AidCasePage />}
                      />
                    }
                  />
                  <Route
                    path="knowledge"
                    element={<RequirePermission permission={['knowledge.edit', 'knowledge.publish']} element={<KnowledgeEntriesPage />} />}
                  />
                  <Route
                    path="knowledge/:id"
                    element={<RequirePermission permission={['knowledge.edit', 'knowledge.publish']} element={<KnowledgeEntryPage />} />}
                  />
                  <Route
                    path="hotline"
                    element={<RequirePermission permission={['hotline.answer', 'hotline.manage']} element={<HotlineCallsPage />} />}
                  />
                  <Route
                    path="hotline/roster"
                    element={<RequirePermission permission={['hotline.answer', 'hotline.manage']} element={<HotlineRosterPage />} />}
                  />
                  <Route
                    path="hotline/figures"
                    element={<RequirePermission permission="hotline.manage" element={<HotlineFiguresPage />} />}
                  />
                  <Route path="catalogue" element={<RequirePermission permission="org.read" element={<CataloguePage />} />} />
                  <Route path="feedback" element={<RequirePermission permission="requests.handle" element={<FeedbackPage />} />} />
                  <Route path="calendar" element={<CalendarPage />} />
                  <Route path="regions" element={<RequirePermission permission="org.read" element={<RegionsPage />} />} />
                  <Route path="sites" element={<RequirePermission permission="org.read" element={<SitesPage />} />} />
                  <Route path="staff" element={<RequirePermission permission="org.read" element={<StaffPage />} />} />
                  <Route path="audit" element={<RequirePermission permission="audit.read" element={<AuditPage />} />} />
                  <Route path="privacy" element={<RequirePermission permission="privacy.manage" element={<PrivacyPage />} />} />
                  <Route path="password" element={<ChangePasswordPage />} />
                  <Route path="home" element={<Navigate to="/" replace />} />
                  <Route path="*" element={<ResultPage kind="notFound" />} />
                </Route>
              </Routes>
            </Suspense>
          </BrowserRouter>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}
