import { Alert, Empty, Spin, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TimelineEvent } from '../../../shared/api/types.js';
import { formatDateTime, lastDayOf } from '../../../shared/format.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { useRequestLabels } from './requestLabels.js';

type GradeKey = '1' | '2' | '3' | '4' | '5';

const COLORS: Record<string, string> = {
  concluded: 'green',
  overdue: 'red',
  supervised: 'red',
  dueSoon: 'orange',
  returned: 'orange',
  materialsRequested: 'orange',
  supervisionReplied: 'blue',
  stuck: 'red',
};

interface EventData {
  siteName?: string;
  items?: string[];
  dueAt?: string | null;
  channel?: string;
  filename?: string;
  byCitizen?: boolean;
  grade?: number;
}

const dataOf = (e: TimelineEvent): EventData => (typeof e.data === 'object' && e.data !== null ? (e.data as EventData) : {});

/** 办理过程: every step with who took it, where it went and what was said; internal steps are marked. */
export function RequestTimeline({ events, loading, error }: { events: TimelineEvent[] | undefined; loading: boolean; error: unknown }) {
  const { t, i18n } = useTranslation('workbench');
  const { t: tc } = useTranslation('common');
  const labels = useRequestLabels();
  const errorText = useErrorText();
  if (error !== undefined) return <Alert type="error" showIcon title={errorText(error)} />;
  if (!events) return loading ? <Spin /> : null;
  if (events.length === 0) return <Empty />;

  return (
    <Timeline
      data-testid="request-timeline"
      items={events.map((e) => {
        const data = dataOf(e);
        const detail: string[] = [];
        if (data.channel) detail.push(labels.channel(data.channel));
        if (data.siteName && (e.type === 'dispatched' || e.type === 'transferred' || e.type === 'reassigned'))
          detail.push(t('requests.timeline.to', { site: data.siteName }));
        else if (data.siteName) detail.push(data.siteName);
        if (data.dueAt && e.type !== 'submitted') detail.push(t('requests.timeline.due', { day: lastDayOf(data.dueAt) }));
        if (data.filename) detail.push(data.byCitizen ? t('requests.timeline.fromCitizen', { name: data.filename }) : data.filename);
        if (typeof data.grade === 'number' && data.grade >= 1 && data.grade <= 5)
          detail.push(tc(`grades.${String(data.grade) as GradeKey}`));
        return {
          key: e.id,
          color: COLORS[e.type] ?? 'blue',
          content: (
            <div data-testid="timeline-event" data-event-type={e.type}>
              <div>
                <Typography.Text strong>{labels.event(e.type)}</Typography.Text>
                {e.actorName && <Typography.Text type="secondary"> · {e.actorName}</Typography.Text>}
                {!e.public && (
                  <Tag style={{ marginLeft: 8 }} bordered={false}>
                    {t('requests.timeline.internal')}
                  </Tag>
                )}
              </div>
              <div style={{ fontSize: 12, color: '#8c8c8c' }}>{formatDateTime(e.at, i18n.language)}</div>
              {detail.length > 0 && <div>{detail.join(' · ')}</div>}
              {data.items && data.items.length > 0 && (
                <ol style={{ margin: '4px 0', paddingLeft: 20 }}>
                  {data.items.map((item, i) => (
                    <li key={i}>{item}</li>
                  ))}
                </ol>
              )}
              {e.note && <div style={{ whiteSpace: 'pre-line' }}>{e.note}</div>}
            </div>
          ),
        };
      })}
    />
  );
}
