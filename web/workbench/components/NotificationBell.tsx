import { useEffect, useState } from 'react';
import { Badge, Button, Empty, Popover, Spin, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { api } from '../../shared/api/client.js';
import type { NotificationList, StaffNotification } from '../../shared/api/types.js';
import { formatDateTime } from '../../shared/format.js';
import { useApiData } from '../../shared/hooks/useApiData.js';

/** How often the unread count is asked for again while the workbench is open. */
const POLL_MS = 60_000;

/** 消息: the unread count in the header, and the latest notices (临期, 超期, 督办) linking to their request. */
export function NotificationBell() {
  const { t, i18n } = useTranslation('workbench');
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [open, setOpen] = useState(false);
  // asked again on every page change, and every minute while the tab is in view
  const unread = useApiData((signal) => api.get<NotificationList>('/notifications', { unread: true, limit: 1 }, signal), [pathname]);
  const list = useApiData<NotificationList | null>(
    (signal) => (open ? api.get<NotificationList>('/notifications', { limit: 20 }, signal) : Promise.resolve(null)),
    [open],
  );
  const reloadUnread = unread.reload;
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') reloadUnread();
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [reloadUnread]);

  const count = list.data?.unread ?? unread.data?.unread ?? 0;
  const refresh = () => {
    unread.reload();
    list.reload();
  };
  const markRead = async (id: number | 'all') => {
    await api.post<void>(`/notifications/${id}/read`).catch(() => undefined);
    refresh();
  };
  const openNotice = (n: StaffNotification) => {
    if (!n.readAt) void markRead(n.id);
    setOpen(false);
    if (n.requestId) navigate(`/requests/${n.requestId}`);
    else if (n.kind === 'hotlineSwap') navigate('/hotline/roster');
  };

  const content = (
    <div className="notices" data-testid="notifications-list">
      <div className="notices__head">
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        <Button type="link" size="small" disabled={count === 0} onClick={() => void markRead('all')} data-testid="notifications-read-all">
          {t('notifications.readAll')}
        </Button>
      </div>
      {!list.data && <Spin style={{ display: 'block', padding: 24 }} />}
      {list.data && list.data.items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.none')} />}
      {list.data?.items.map((n) => (
        <button
          key={n.id}
          type="button"
          className={`notice${n.readAt ? '' : ' notice--unread'}`}
          onClick={() => openNotice(n)}
          data-testid="notification-item"
          data-read={n.readAt ? 'true' : 'false'}
        >
          <span className="notice__title">{n.title}</span>
          {n.body && <span className="notice__body">{n.body}</span>}
          <span className="notice__time">{formatDateTime(n.createdAt, i18n.language)}</span>
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
