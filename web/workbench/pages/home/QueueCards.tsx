import type { ReactNode } from 'react';
import { Card, Col, Row, Tag, Typography } from 'antd';
import { CheckCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { TodoQueue } from '../../../shared/api/home.js';

/** Where each queue's card leads: the list filtered to exactly what the count counts (or as near as the list goes). */
export const QUEUE_LINKS: Record<TodoQueue, string> = {
  requestsAtDesk: '/requests?queue=unassigned',
  requestsToAccept: '/requests?queue=unassigned',
  requestsInHand: '/requests?queue=mine',
  requestsPaused: '/requests?queue=mine',
  consultations: '/requests?queue=unit&serviceItem=consultation',
  aidFirstReview: '/legal-aid?queue=firstReview',
  aidReview: '/legal-aid?queue=review',
  aidGranted: '/legal-aid?queue=granted',
  aidMaterials: '/legal-aid?queue=awaitingMaterials',
  aidClosed: '/legal-aid?queue=closed',
  aidAssigned: '/legal-aid?queue=mine',
  aidObjections: '/legal-aid/objections',
  hotlineOpenCalls: '/hotline',
  rectifications: '/feedback',
};

interface TileProps {
  title: string;
  value: ReactNode;
  hint: string;
  /** something waits: the number stands out */
  active: boolean;
  to?: string;
  testId: string;
}

/** One count on the home page: a card that opens its list. */
export function Tile({ title, value, hint, active, to, testId }: TileProps) {
  const card = (
    <Card size="small" hoverable={Boolean(to)} className={`home-tile${active ? ' home-tile--active' : ''}`} data-testid={testId}>
      <div className="home-tile__title">{title}</div>
      <div className="home-tile__value">{value}</div>
      <Typography.Text type="secondary" className="home-tile__hint">
        {hint}
      </Typography.Text>
    </Card>
  );
  return to ? (
    <Link to={to} style={{ display: 'block', height: '100%' }}>
      {card}
    </Link>
  ) : (
    card
  );
}

/**
 * The person's queues: those with something waiting as cards (a count that opens its list), with the unread notices
 * and today's 12348 duty; the empty ones in one quiet line of links below, so a phone shows the work first.
 */
export function QueueCards({
  queues,
  unread,
  hotlineToday,
}: {
  queues: { key: TodoQueue; count: number }[];
  unread: number;
  hotlineToday: ('am' | 'pm')[] | null;
}) {
  const { t } = useTranslation('workbench');
  const col = { xs: 12, sm: 8, lg: 6, xl: 4 } as const;
  const waiting = queues.filter((q) => q.count > 0);
  const empty = queues.filter((q) => q.count === 0);
  const onDuty = hotlineToday !== null && hotlineToday.length > 0;
  return (
    <>
      {queues.length > 0 && waiting.length === 0 && !onDuty && unread === 0 && (
        <Typography.Paragraph type="success" style={{ marginBottom: 8 }} data-testid="home-all-done">
          <CheckCircleOutlined /> {t('home.allDone')}
        </Typography.Paragraph>
      )}
      <Row gutter={[12, 12]} data-testid="home-queues">
        {waiting.map((q) => (
          <Col key={q.key} {...col}>
            <Tile
              title={t(`home.queues.${q.key}`)}
              value={q.count}
              hint={t(`home.queueHints.${q.key}`)}
              active
              to={QUEUE_LINKS[q.key]}
              testId={`home-queue-${q.key}`}
            />
          </Col>
        ))}
        {unread > 0 && (
          <Col {...col}>
            <Tile title={t('home.unread')} value={unread} hint={t('home.unreadHint')} active testId="home-unread" />
          </Col>
        )}
        {onDuty && (
          <Col {...col}>
            <Tile
              title={t('home.hotlineToday')}
              value={hotlineToday.map((s) => t(`home.shifts.${s}`)).join('、')}
              hint={t('menu.hotlineRoster')}
              active
              to="/hotline/roster"
              testId="home-hotline"
            />
          </Col>
        )}
      </Row>
      {(empty.length > 0 || unread === 0) && (
        <div className="home-quiet" data-testid="home-quiet">
          <Typography.Text type="secondary">{t('home.nothingIn')}</Typography.Text>
          {empty.map((q) => (
            <Link key={q.key} to={QUEUE_LINKS[q.key]} data-testid={`home-queue-${q.key}`}>
              <Tag>{t(`home.queues.${q.key}`)} 0</Tag>
            </Link>
          ))}
          {unread === 0 && <Tag data-testid="home-unread">{t('home.unread')} 0</Tag>}
        </div>
      )}
    </>
  );
}
