import { Badge, Button, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Staff, StaffStatus } from '../../../shared/api/types.js';
import { formatDateTime } from '../../../shared/format.js';
import { useLabels, type Post } from '../../../shared/labels.js';
import { useCan, useMe } from '../../session/useSession.js';
import type { useStaffActions } from './useStaffActions.js';

const ACTION = { paddingInline: 4 };

/** The staff table's columns; the account actions only for those who manage the area. */
export function useStaffColumns(actions: ReturnType<typeof useStaffActions>, onEdit: (staff: Staff) => void): TableColumnsType<Staff> {
  const { t, i18n } = useTranslation('workbench');
  const labels = useLabels();
  const me = useMe();
  const can = useCan();
  const columns: TableColumnsType<Staff> = [
    {
      title: `${t('staff.displayName')} / ${t('staff.username')}`,
      key: 'person',
      width: 176,
      render: (_, s) => (
        <div>
          <div>{s.displayName}</div>
          <Typography.Text type="secondary" className="mono" style={{ whiteSpace: 'nowrap', fontSize: 12 }} data-testid="staff-username">
            {s.username}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('staff.phone'),
      dataIndex: 'phone',
      width: 136,
      render: (phone: string, s) => (
        <Space size={4}>
          <span className="mono">{phone || t('table.none')}</span>
          {phone && can('personal.reveal') && (
            <Tooltip title={t('staff.revealPhone')}>
              <Button
                type="text"
                size="small"
                icon={<EyeOutlined />}
                onClick={() => void actions.revealPhone(s)}
                aria-label={t('staff.revealPhone')}
                data-testid="staff-reveal-phone"
              />
            </Tooltip>
          )}
        </Space>
      ),
    },
    { title: t('staff.site'), dataIndex: 'siteName', ellipsis: { showTitle: true } },
    {
      title: t('staff.posts'),
      dataIndex: 'posts',
      width: 160,
      render: (posts: Post[]) => (
        <Space size={[0, 4]} wrap>
          {posts.map((p) => (
            <Tag key={p}>{labels.post(p)}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('staff.status'),
      dataIndex: 'status',
      width: 104,
      render: (status: StaffStatus, s) => (
        <Space size={[0, 4]} wrap>
          <Badge
            status={status === 'active' ? 'success' : 'default'}
            text={status === 'active' ? t('staff.active') : t('staff.disabled')}
          />
          {s.lockedUntil && (
            <Tooltip title={t('staff.lockedUntil', { time: formatDateTime(s.lockedUntil, i18n.language) })}>
              <Tag color="error">{t('staff.locked')}</Tag>
            </Tooltip>
          )}
          {s.mustChangePassword && <Tag color="warning">{t('staff.mustChange')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('staff.lastLogin'),
      dataIndex: 'lastLoginAt',
      width: 150,
      responsive: ['xxl'],
      render: (at: string | null) => (at ? formatDateTime(at, i18n.language) : t('staff.never')),
    },
  ];
  if (can('org.manage')) {
    columns.push({
      title: t('table.actions'),
      key: 'actions',
      width: 172,
      fixed: 'right',
      render: (_, s) => (
        <Space size={0} wrap data-testid="staff-actions">
          <Button type="link" size="small" style={ACTION} onClick={() => onEdit(s)} data-testid="staff-edit">
            {t('action.edit')}
          </Button>
          <Button type="link" size="small" style={ACTION} onClick={() => actions.resetPassword(s)} data-testid="staff-reset-password">
            {t('staff.resetPassword')}
          </Button>
          {s.lockedUntil && (
            <Button type="link" size="small" style={ACTION} onClick={() => actions.unlock(s)} data-testid="staff-unlock">
              {t('staff.unlock')}
            </Button>
          )}
          {s.status === 'active' ? (
            s.id !== me.id && (
              <Button type="link" size="small" style={ACTION} danger onClick={() => actions.disable(s)} data-testid="staff-disable">
                {t('staff.disable')}
              </Button>
            )
          ) : (
            <Button type="link" size="small" style={ACTION} onClick={() => actions.enable(s)} data-testid="staff-enable">
              {t('staff.enable')}
            </Button>
          )}
        </Space>
      ),
    });
  }

  return columns;
}
