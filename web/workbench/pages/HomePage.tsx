import { Card, Col, Descriptions, Row, Space, Statistic, Tag, Typography } from 'antd';
import { ApartmentOutlined, AuditOutlined, EnvironmentOutlined, KeyOutlined, TeamOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../shared/api/client.js';
import type { Page, Permission, RegionDetail, Site, Staff } from '../../shared/api/types.js';
import { useApiData } from '../../shared/hooks/useApiData.js';
import { useLabels } from '../../shared/labels.js';
import { useCan, useMe } from '../session/useSession.js';

interface Stats {
  sites: number;
  stations: number;
  rooms: number;
  staff: number;
}

function useScopeStats(enabled: boolean) {
  return useApiData<Stats | null>(
    async (signal) => {
      if (!enabled) return null;
      const count = (kind?: Site['kind']) => api.get<Page<Site>>('/sites', { scope: 'mine', kind, limit: 1 }, signal).then((p) => p.total);
      const [sites, stations, rooms, staff] = await Promise.all([
        count(),
        count('station'),
        count('room'),
        api.get<Page<Staff>>('/staff', { limit: 1 }, signal).then((p) => p.total),
      ]);
      return { sites, stations, rooms, staff };
    },
    [enabled],
  );
}

interface QuickLink {
  to: string;
  icon: ReactNode;
  title: 'regions' | 'sites' | 'staff' | 'audit' | 'password';
  text: 'linkRegions' | 'linkSites' | 'linkStaff' | 'linkAudit' | 'linkPassword';
  /** what the card says to someone who may read but not change */
  readText?: 'linkSitesRead' | 'linkStaffRead';
  permission?: Permission;
}

const LINKS: QuickLink[] = [
  { to: '/regions', icon: <ApartmentOutlined />, title: 'regions', text: 'linkRegions', permission: 'org.read' },
  { to: '/sites', icon: <EnvironmentOutlined />, title: 'sites', text: 'linkSites', readText: 'linkSitesRead', permission: 'org.read' },
  { to: '/staff', icon: <TeamOutlined />, title: 'staff', text: 'linkStaff', readText: 'linkStaffRead', permission: 'org.read' },
  { to: '/audit', icon: <AuditOutlined />, title: 'audit', text: 'linkAudit', permission: 'audit.read' },
  { to: '/password', icon: <KeyOutlined />, title: 'password', text: 'linkPassword' },
];

/** 首页: who I am, where I work, what area I look after, and the way to my daily pages. */
export function HomePage() {
  const { t } = useTranslation('workbench');
  const me = useMe();
  const can = useCan();
  const labels = useLabels();
  const region = useApiData((signal) => api.get<RegionDetail>(`/regions/${me.regionCode}`, undefined, signal), [me.regionCode]);
  const stats = useScopeStats(can('org.read'));

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="home">
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('home.welcome', { name: me.displayName })}
        </Typography.Title>
        <Descriptions column={{ xs: 1, md: 2 }} size="small" title={t('home.profile')} data-testid="home-profile">
          <Descriptions.Item label={t('home.username')}>{me.username}</Descriptions.Item>
          <Descriptions.Item label={t('home.site')}>{me.siteName}</Descriptions.Item>
          <Descriptions.Item label={t('home.siteKind')}>{labels.siteKind(me.siteKind)}</Descriptions.Item>
          <Descriptions.Item label={t('home.scope')}>
            <span data-testid="home-scope">{t('home.scopeValue', { name: region.data?.name ?? me.siteName, code: me.regionCode })}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('home.posts')}>
            {me.posts.map((p) => (
              <Tag key={p} color="blue">
                {labels.post(p)}
              </Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('home.permissions')}>
            {me.permissions.length ? me.permissions.map((p) => <Tag key={p}>{t(`permissions.${p}`)}</Tag>) : t('home.noPermissions')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {stats.data && (
        <Card title={t('home.stats')}>
          <Row gutter={[16, 16]} data-testid="home-stats">
            <Col xs={12} md={6}>
              <Statistic title={t('home.statSites')} value={stats.data.sites} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('home.statStations')} value={stats.data.stations} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('home.statRooms')} value={stats.data.rooms} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('home.statStaff')} value={stats.data.staff} />
            </Col>
          </Row>
        </Card>
      )}
      <Card title={t('home.quickLinks')}>
        <Row gutter={[16, 16]}>
          {LINKS.filter((l) => !l.permission || can(l.permission)).map((l) => (
            <Col key={l.to} xs={24} sm={12} lg={8} xl={6}>
              <Link to={l.to} data-testid={`quick-link-${l.title}`} style={{ display: 'block', height: '100%' }}>
                <Card size="small" hoverable style={{ height: '100%' }}>
                  <Card.Meta
                    avatar={<span style={{ fontSize: 24, color: '#0b4ea2' }}>{l.icon}</span>}
                    title={t(`menu.${l.title}`)}
                    description={t(`home.${l.readText && !can('org.manage') ? l.readText : l.text}`)}
                  />
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      </Card>
    </Space>
  );
}
