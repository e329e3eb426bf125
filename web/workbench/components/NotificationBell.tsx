import { useState } from 'react';
import { Badge, Button, Empty, Popover, Spin, Tag, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../shared/api/client.js';
import {
  NOTICE_KINDS,
  type NoticeKind,
  type NotificationCategory,
  type NotificationList,
  type StaffNotification,
} from '../../shared/api/notifications.js';
import { formatDateTime } from '../../shared/format.js';
import { useApiData } from '../../shared/hooks/useApiData.js';
import { refreshUnreadCounts, useUnreadCounts } from '../hooks/useUnreadCounts.js';

const isKnownKind = (kind: string): kind is NoticeKind => (NOTICE_KINDS as readonly string[]).includes(kind);

/**
 * 消息: the unread count in the header, and the latest notices (new work, steps that send work, due dates,
 * supervision, legal aid, swaps), each opening its record; filtered by menu, each menu marked read at once.
 */
export function NotificationBell() {
  const { t, i18n } = useTranslation('workbench');
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [category, setCategory] = useState<NotificationCategory>();
  const counts = useUnreadCounts();
  const list = useApiData<NotificationList | null>(
    (signal) => (open ? api.get<NotificationList>('/notifications', { limit: 30, category }, signal) : Promise.resolve(null)),
    [open, category],
  );

  const count = counts.unread;
  const shown = category ? counts.byCategory[category] : count;
  const refresh = () => {
    void refreshUnreadCounts();
    list.reload();
  };
  const markRead = async (id: number | 'all') => {
    await api.post<void>(`/notifications/${id}/read${id === 'all' && category ? `?category=${category}` : ''}`).catch(() => undefined);
    refresh();
  };
  const openNotice = (n: StaffNotification) => {
    if (!n.readAt) void markRead(n.id);
    setOpen(false);
    if (n.link) navigate(n.link);
  };
  // the menus with something unread, and the one chosen
  const categories = (Object.keys(counts.byCategory) as NotificationCategory[]).filter((c) => counts.byCategory[c] > 0 || c === category);

  const content = (
    <div className="notices" data-testid="notifications-list">
      <div className="notices__head">
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        <Button type="link" size="small" disabled={shown === 0} onClick={() => void markRead('all')} data-testid="notifications-read-all">
          {category ? t('notify.readCategory') : t('notifications.readAll')}
        </Button>
      </div>
      {categories.length > 0 && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, padding: '6px 0' }} data-testid="notifications-categories">
          <Tag.CheckableTag checked={!category} onChange={() => setCategory(undefined)} data-testid="notifications-category-all">
            {t('notify.categories.all')}
          </Tag.CheckableTag>
          {categories.map((c) => (
            <Tag.CheckableTag
              key={c}
              checked={category === c}
              onChange={(on) => setCategory(on ? c : undefined)}
              data-testid={`notifications-category-${c}`}
            >
              {t(`notify.categories.${c}`)} {counts.byCategory[c] || ''}
            </Tag.CheckableTag>
          ))}
        </div>
      )}
      {!list.data && <Spin style={{ display: 'block', padding: 24 }} />}
      {list.data && list.data.items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.none')} />}
      {list.data?.items.map((n) => (
        <button
          key={n.id}
          type="button"
          className={`notice${n.readAt ? '' : ' notice--unread'}`}
          onClick={() => openNotice(n)}
          data-testid="notification-item"
          data-kind={n.kind}
          data-link={n.link ?? ''}
          data-read={n.readAt ? 'true' : 'false'}
        >
          <span className="notice__title">{n.title}</span>
          {n.body && <span className="notice__body">{n.body}</span>}
          <span className="notice__time">
            {isKnownKind(n.kind) && <Tag bordered={false}>{t(`notify.kinds.${n.kind}`)}</Tag>}
            {formatDateTime(n.createdAt, i18n.language)}
          </span>
        </button>
      ))}
    </div>
  );

  return (
    <Popover content={content} trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen} arrow={false}>
      <Button type="text" aria-label={t('notifications.title')} data-testid="notifications-bell">
        <Badge count={count} size="small" overflowCount={99} data-testid="notifications-count">
          <BellOutlined style={{ fontSize: 16 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
