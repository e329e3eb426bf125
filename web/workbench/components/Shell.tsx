import { useState, type ReactNode } from 'react';
import { App, Button, Dropdown, Layout, Menu, Space, Typography } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  DownOutlined,
  EnvironmentOutlined,
  GlobalOutlined,
  HomeOutlined,
  KeyOutlined,
  LogoutOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import type { Permission } from '../../shared/api/types.js';
import { Emblem } from '../../shared/Emblem.js';
import { useMe, useSession } from '../session/useSession.js';
import { LanguageButton } from './LanguageButton.js';

interface Entry {
  path: string;
  key: 'home' | 'regions' | 'sites' | 'staff' | 'audit' | 'password';
  icon: ReactNode;
  permission?: Permission;
}

const ENTRIES: Entry[] = [
  { path: '/', key: 'home', icon: <HomeOutlined /> },
  { path: '/regions', key: 'regions', icon: <ApartmentOutlined />, permission: 'org.read' },
  { path: '/sites', key: 'sites', icon: <EnvironmentOutlined />, permission: 'org.read' },
  { path: '/staff', key: 'staff', icon: <TeamOutlined />, permission: 'org.read' },
  { path: '/audit', key: 'audit', icon: <AuditOutlined />, permission: 'audit.read' },
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

  // until a temporary password is replaced, changing it is the only thing to do
  const entries = me.mustChangePassword
    ? ENTRIES.filter((e) => e.key === 'password')
    : ENTRIES.filter((e) => !e.permission || me.permissions.includes(e.permission));
  const selected = entries.find((e) => e.path !== '/' && location.pathname.startsWith(e.path))?.path ?? '/';

  const signOut = async () => {
    await logout().catch(() => undefined);
    message.success(t('header.loggedOut'));
    navigate('/login', { replace: true });
  };

  return (
    <Layout className="shell">
      <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={208} breakpoint="lg">
        <div className="shell__brand">
          <Emblem />
          {!collapsed && (
            <div>
              <div className="shell__brand-name">{t('brand')}</div>
              <div className="shell__brand-sub">{t('brandSub')}</div>
            </div>
          )}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[selected]}
          items={entries.map((e) => ({ key: e.path, icon: e.icon, label: t(`menu.${e.key}`), 'data-testid': `menu-${e.key}` }))}
          onClick={({ key }) => navigate(key)}
          data-testid="main-menu"
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="shell__header">
          <Typography.Text type="secondary" ellipsis data-testid="header-site">
            <EnvironmentOutlined /> {me.siteName}
          </Typography.Text>
          <Space size={4}>
            <Button type="text" icon={<GlobalOutlined />} href="/">
              {t('header.portal')}
            </Button>
            <LanguageButton />
            <Dropdown
              menu={{
                items: [
                  { key: 'password', icon: <KeyOutlined />, label: t('menu.password'), onClick: () => navigate('/password') },
                  { type: 'divider' },
                  { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), onClick: () => void signOut(), danger: true },
                ],
              }}
            >
              <Button type="text" data-testid="user-menu">
                <UserOutlined />
                <span data-testid="header-user">{me.displayName}</span>
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
