import { useState } from 'react';
import { Alert, Card, Col, Empty, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { EnvironmentOutlined, KeyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../shared/api/client.js';
import type { TodoView } from '../../shared/api/home.js';
import type { RegionDetail } from '../../shared/api/types.js';
import { today } from '../../shared/format.js';
import { useApiData } from '../../shared/hooks/useApiData.js';
import { useErrorText } from '../../shared/hooks/useErrorText.js';
import { useLabels } from '../../shared/labels.js';
import { useMe } from '../session/useSession.js';
import { DueCard } from './home/DueCard.js';
import { QueueCards } from './home/QueueCards.js';
import { SiteFiguresCard } from './home/SiteFiguresCard.js';
import { SupervisionCard } from './home/SupervisionCard.js';
import './home/home.css';

/**
 * 首页: a to-do list. Who and where in one line; then my queues, each a count that opens its list; what is due soon
 * or overdue among my own work; the supervision orders addressed to me or issued by me; and for those who lead a
 * site, the month's figures of its area.
 */
export function HomePage() {
  const { t } = useTranslation('workbench');
  const me = useMe();
  const labels = useLabels();
  const errorText = useErrorText();
  const [month, setMonth] = useState(() => today().slice(0, 7));
  const region = useApiData((signal) => api.get<RegionDetail>(`/regions/${me.regionCode}`, undefined, signal), [me.regionCode]);
  const todo = useApiData((signal) => api.get<TodoView>('/me/todo', { month }, signal), [month]);
  const area = region.data?.name ?? me.siteName;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="home">
      <Card size="small" data-testid="home-profile">
        <div className="home-profile">
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('home.welcome', { name: me.displayName })}
          </Typography.Title>
          <Space size={[8, 4]} wrap className="home-profile__line">
            <span>
              <EnvironmentOutlined /> {me.siteName}
            </span>
            <Typography.Text type="secondary" data-testid="home-scope">
              {t('home.scopeValue', { name: area })}
            </Typography.Text>
            <span>
              {me.posts.map((p) => (
                <Tag key={p} color="blue" style={{ marginInlineEnd: 4 }}>
                  {labels.post(p)}
                </Tag>
              ))}
            </span>
            <Link to="/password">
              <KeyOutlined /> {t('home.changePassword')}
            </Link>
          </Space>
        </div>
      </Card>

      {todo.error !== undefined && <Alert type="error" showIcon title={errorText(todo.error)} />}
      {!todo.data && todo.error === undefined && <Skeleton active paragraph={{ rows: 6 }} />}
      {todo.data && (
        <>
          <Card size="small" title={t('home.todo')}>
            <QueueCards queues={todo.data.queues} unread={todo.data.notifications.unread} hotlineToday={todo.data.hotline?.today ?? null} />
            {todo.data.queues.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.todoNone')} />}
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={14}>
              <DueCard due={todo.data.due} />
            </Col>
            <Col xs={24} lg={10}>
              <SupervisionCard supervision={todo.data.supervision} />
            </Col>
          </Row>
          {todo.data.site && <SiteFiguresCard site={todo.data.site} area={area} month={month} onMonth={setMonth} />}
        </>
      )}
    </Space>
  );
}
