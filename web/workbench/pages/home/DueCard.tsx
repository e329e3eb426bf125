import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { DueItem, TodoView } from '../../../shared/api/home.js';
import { lastDayOf } from '../../../shared/format.js';
import { formatTrackingNo } from '../../../shared/tracking.js';
import { useAidLabels } from '../legalaid/aidLabels.js';

const linkOf = (d: DueItem) => (d.kind === 'request' ? `/requests/${d.id}` : `/legal-aid/${d.id}`);

/** 临期与超期: the counts, then the nearest of the person's own work, each opening its record. */
export function DueCard({ due }: { due: TodoView['due'] }) {
  const { t } = useTranslation('workbench');
  const aid = useAidLabels();
  const title = (d: DueItem) =>
    d.kind === 'aidCase'
      ? aid.matter(d.title)
      : d.kind === 'objection'
        ? t(`aidAdmin.objections.againstKinds.${d.title as 'refusal' | 'termination'}`)
        : d.title;
  return (
    <Card
      size="small"
      title={t('home.due')}
      extra={
        <Space size={4}>
          <Tag color={due.overdue > 0 ? 'red' : 'default'} data-testid="home-overdue">
            {t('home.overdueCount', { count: due.overdue })}
          </Tag>
          <Tag color={due.dueSoon > 0 ? 'orange' : 'default'} data-testid="home-due-soon">
            {t('home.dueSoonCount', { count: due.dueSoon })}
          </Tag>
        </Space>
      }
      style={{ height: '100%' }}
      data-testid="home-due"
    >
      {due.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.dueNone')} />
      ) : (
        <List
          size="small"
          dataSource={due.items}
          rowKey={(d) => `${d.kind}:${d.id}`}
          renderItem={(d) => (
            <List.Item className="home-list-item" data-testid="home-due-item">
              <div className="home-list-item__main">
                <Link to={linkOf(d)} className="mono" style={{ whiteSpace: 'nowrap' }}>
                  {d.caseNo ?? formatTrackingNo(d.trackingNo)}
                </Link>
                <Typography.Text ellipsis className="home-list-item__title">
                  {t(`home.dueKinds.${d.kind}`)} · {title(d)}
                </Typography.Text>
              </div>
              <Space size={4} className="home-list-item__side">
                <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                  {t('home.dueBy', { day: lastDayOf(d.dueAt) })}
                </Typography.Text>
                <Tag color={d.dueState === 'overdue' ? 'red' : 'orange'} style={{ marginInlineEnd: 0 }}>
                  {t(`home.dueStates.${d.dueState}`)}
                </Tag>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
