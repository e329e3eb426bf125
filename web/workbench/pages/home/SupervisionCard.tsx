import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { TodoView } from '../../../shared/api/home.js';
import { lastDayOf } from '../../../shared/format.js';
import { formatTrackingNo } from '../../../shared/tracking.js';

/** 督办: the orders addressed to me (to reply) and those I issued (until closed), each opening its request. */
export function SupervisionCard({ supervision }: { supervision: TodoView['supervision'] }) {
  const { t } = useTranslation('workbench');
  return (
    <Card
      size="small"
      title={t('home.supervision')}
      extra={
        <Space size={4}>
          <Tag color={supervision.toReply > 0 ? 'red' : 'default'} data-testid="home-to-reply">
            {t('home.toReply', { count: supervision.toReply })}
          </Tag>
          {supervision.issuedOpen > 0 && <Tag color="blue">{t('home.issued', { count: supervision.issuedOpen })}</Tag>}
        </Space>
      }
      style={{ height: '100%' }}
      data-testid="home-supervision"
    >
      {supervision.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.supervisionNone')} />
      ) : (
        <List
          size="small"
          dataSource={supervision.items}
          rowKey="id"
          renderItem={(o) => (
            <List.Item className="home-list-item" data-testid="home-supervision-item">
              <div className="home-list-item__main">
                <Link to={`/requests/${o.requestId}`} className="mono" style={{ whiteSpace: 'nowrap' }}>
                  {formatTrackingNo(o.trackingNo)}
                </Link>
                <Typography.Text ellipsis={{ tooltip: o.instruction }} className="home-list-item__title">
                  {o.serviceItemName} · {o.instruction}
                </Typography.Text>
              </div>
              <Space size={4} className="home-list-item__side">
                <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                  {t('home.replyBy', { day: lastDayOf(o.dueAt) })}
                </Typography.Text>
                <Tag color={o.role === 'addressed' ? 'red' : o.status === 'replied' ? 'green' : 'blue'} style={{ marginInlineEnd: 0 }}>
                  {o.role === 'addressed' ? t('home.roles.addressed') : t(`home.orderStatus.${o.status}`)}
                </Tag>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
