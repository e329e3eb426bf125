import { useState, type ReactNode } from 'react';
import { App, Button, Drawer, Dropdown, Grid, Layout, Menu, Space, Typography } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  CalendarOutlined,
  PhoneOutlined,
  ScheduleOutlined,
  ControlOutlined,
  ExceptionOutlined,
  SafetyCertificateOutlined,
  SolutionOutlined,
  LikeOutlined,
  DownOutlined,
  FileTextOutlined,
  FormOutlined,
  EnvironmentOutlined,
  GlobalOutlined,
  HomeOutlined,
  KeyOutlined,
  LockOutlined,
  LogoutOutlined,
  MenuOutlined,
  ProfileOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import type { Permission } from '../../shared/api/types.js';
import { Emblem } from '../../shared/Emblem.js';
import { useMe, useSession } from '../session/useSession.js';
import { LanguageButton } from './LanguageButton.js';
import { NotificationBell } from './NotificationBell.js';
import { MenuLabel } from './MenuBadge.js';
import { unreadFor, useUnreadCounts } from '../hooks/useUnreadCounts.js';

interface Entry {
  path: string;
  key:
    | 'home'
    | 'requests'
    | 'intake'
    | 'legalAid'
    | 'aidObjections'
    | 'aidProviders'
    | 'aidSettings'
    | 'knowledge'
    | 'hotline'
    | 'hotlineRoster'
    | 'hotlineFigures'
    | 'catalogue'
    | 'feedback'
    | 'calendar'
    | 'regions'
    | 'sites'
    | 'staff'
    | 'audit'
    | 'privacy'
    | 'password';
  icon: ReactNode;
  /** shown to those with any of these */
  permission?: Permission | Permission[];
  /** only for those working at the county center (the 12348 line and the bureau's own settings are the county's) */
  countyOnly?: true;
}

const ENTRIES: Entry[] = [
  { path: '/', key: 'home', icon: <HomeOutlined /> },
  { path: '/requests', key: 'requests', icon: <FileTextOutlined />, permission: ['requests.handle', 'requests.intake'] },
  { path: '/requests/new', key: 'intake', icon: <FormOutlined />, permission: 'requests.intake' },
  {
    path: '/legal-aid',
    key: 'legalAid',
    icon: <SafetyCertificateOutlined />,
    // desks that only take requests (village rooms) file applications here and find the ones they took
    permission: ['legalAid.review', 'legalAid.provide', 'legalAid.objection', 'requests.intake'],
  },
  { path: '/legal-aid/objections', key: 'aidObjections', icon: <ExceptionOutlined />, permission: 'legalAid.objection' },
  { path: '/legal-aid/providers', key: 'aidProviders', icon: <SolutionOutlined />, permission: ['legalAid.review', 'org.manage'] },
  { path: '/legal-aid/settings', key: 'aidSettings', icon: <ControlOutlined />, permission: ['legalAid.review', 'org.manage'] },
  { path: '/hotline', key: 'hotline', icon: <PhoneOutlined />, permission: ['hotline.answer', 'hotline.manage'], countyOnly: true },
  {
    path: '/hotline/roster',
    key: 'hotlineRoster',
    icon: <ScheduleOutlined />,
    permission: ['hotline.answer', 'hotline.manage'],
    countyOnly: true,
  },
  { path: '/hotline/figures', key: 'hotlineFigures', icon: <BarChartOutlined />, permission: 'hotline.manage', countyOnly: true },
  { path: '/knowledge', key: 'knowledge', icon: <BookOutlined />, permission: ['knowledge.edit', 'knowledge.publish'] },
  { path: '/catalogue', key: 'catalogue', icon: <ProfileOutlined />, permission: 'org.read' },
  { path: '/feedback', key: 'feedback', icon: <LikeOutlined />, permission: 'requests.handle' },
  { path: '/calendar', key: 'calendar', icon: <CalendarOutlined /> },
  { path: '/regions', key: 'regions', icon: <ApartmentOutlined />, permission: 'org.read' },
  { path: '/sites', key: 'sites', icon: <EnvironmentOutlined />, permission: 'org.read' },
  { path: '/staff', key: 'staff', icon: <TeamOutlined />, permission: 'org.read' },
  { path: '/audit', key: 'audit', icon: <AuditOutlined />, permission: 'audit.read' },
  { path: '/privacy', key: 'privacy', icon: <LockOutlined />, permission: 'privacy.manage', countyOnly: true },
  { path: '/password', key: 'password', icon: <KeyOutlined /> },
];

/** The workbench frame: a menu of what this person may open, and who they are at the top. */
export function Shell() {
  const { t } = useTranslation('workbench');
  const me = useMe();
  const { logout } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  // below md (a phone) the menu is a drawer behind a button, and the header keeps only what fits
  const narrow = Grid.useBreakpoint().md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  // unread notices beside the menus they belong to (工单, 法律援助, 12348 排班, 好差评)
  const unread = useUnreadCounts(!me.mustChangePassword);

  // until a temporary password is replaced, changing it is the only thing to do
  const entries = me.mustChangePassword
    ? ENTRIES.filter((e) => e.key === 'password')
    : ENTRIES.filter(
        (e) =>
          (!e.permission || [e.permission].flat().some((p) => me.permissions.includes(p))) && (!e.countyOnly || me.regionCode.length === 6),
      );
  // the longest entry the address starts with: /requests/new is 受理登记, /requests/… the queues
  const selected =
    entries
      .filter((e) => e.path !== '/' && (location.pathname === e.path || location.pathname.startsWith(`${e.path}/`)))
      .sort((a, b) => b.path.length - a.path.length)[0]?.path ?? '/';

  const signOut = async () => {
    await logout().catch(() => undefined);
    message.success(t('header.loggedOut'));
    navigate('/login', { replace: true });
  };

  const brand = (
    <div className="shell__brand">
      <Emblem />
      {(narrow || !collapsed) && (
        <div>
          <div className="shell__brand-name">{t('brand')}</div>
          <div className="shell__brand-sub">{t('brandSub')}</div>
        </div>
      )}
    </div>
  );
  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      selectedKeys={[selected]}
      items={entries.map((e) => ({
        key: e.path,
        icon: e.icon,
        label: <MenuLabel text={t(`menu.${e.key}`)} count={unreadFor(unread, e.key)} testId={e.key} />,
        'data-testid': `menu-${e.key}`,
      }))}
      onClick={({ key }) => {
        setDrawerOpen(false);
        navigate(key);
      }}
      data-testid="main-menu"
    />
  );
  const site = (
    <Typography.Text type="secondary" ellipsis data-testid="header-site">
      <EnvironmentOutlined /> {me.siteName}
    </Typography.Text>
  );
  const portal = (
    <Button type="text" icon={<GlobalOutlined />} href="/">
      {t('header.portal')}
    </Button>
  );

  return (
    <Layout className="shell">
      {narrow ? (
        <Drawer
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="left"
          size={248}
          closable={false}
          styles={{ body: { padding: 0, background: '#001a3d' } }}
          data-testid="menu-drawer"
        >
          {brand}
          {menu}
          <div className="shell__drawer-foot">
            <div data-testid="drawer-site">
              <EnvironmentOutlined /> {me.siteName}
            </div>
            <Button type="text" icon={<GlobalOutlined />} href="/" style={{ color: '#fff', paddingInline: 0 }}>
              {t('header.portal')}
            </Button>
            <LanguageButton light />
          </div>
        </Drawer>
      ) : (
        <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={208} breakpoint="lg">
          {brand}
          {menu}
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header className={narrow ? 'shell__header shell__header--narrow' : 'shell__header'}>
          {narrow ? (
            <Button
              type="text"
              icon={<MenuOutlined />}
              onClick={() => setDrawerOpen(true)}
              aria-label={t('header.menu')}
              aria-expanded={drawerOpen}
              data-testid="menu-open"
            />
          ) : (
            site
          )}
          <Space size={narrow ? 0 : 4}>
            {!narrow && portal}
            {!me.mustChangePassword && <NotificationBell />}
            {!narrow && <LanguageButton />}
            <Dropdown
              menu={{
                items: [
                  { key: 'password', icon: <KeyOutlined />, label: t('menu.password'), onClick: () => navigate('/password') },
                  { type: 'divider' },
                  { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), onClick: () => void signOut(), danger: true },
                ],
              }}
            >
              <Button type="text" data-testid="user-menu" className="shell__user">
                <UserOutlined />
                <span className="shell__user-name" data-testid="header-user">
                  {me.displayName}
                </span>
                <DownOutlined style={{ fontSize: 10 }} />
              </Button>
            </Dropdown>
            <Button icon={<LogoutOutlined />} onClick={() => void signOut()} data-testid="logout">
              {t('header.logout')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content className="shell__content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
