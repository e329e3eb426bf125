import { Alert, Empty, Spin, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TimelineEvent } from '../../../shared/api/types.js';
import { formatDateTime, lastDayOf } from '../../../shared/format.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { isChannel, useLabels } from '../../../shared/labels.js';
import { EVENT_TYPES as REQUEST_EVENTS } from '../requests/requestLabels.js';
import { useAidLabels } from './aidLabels.js';

/** The legal aid steps written to the request's timeline (cases.service.ts, objections.service.ts). */
export const AID_EVENTS = [
  'aidApplied',
  'aidForwarded',
  'materialsRequested',
  'materialsReceived',
  'aidWithdrawn',
  'aidDeemedWithdrawn',
  'aidReassessed',
  'aidEarlyAid',
  'aidGranted',
  'aidRefused',
  'aidAssigned',
  'aidProviderChanged',
  'aidProgress',
  'aidTerminated',
  'aidDecisionServed',
  'aidClosed',
  'aidArchived',
  'aidFollowUp',
  'aidQualityRated',
  'aidObjectionFiled',
  'aidObjectionDecided',
] as const;
type AidEvent = (typeof AID_EVENTS)[number];
const isAidEvent = (v: string): v is AidEvent => (AID_EVENTS as readonly string[]).includes(v);
const isRequestEvent = (v: string): v is (typeof REQUEST_EVENTS)[number] => (REQUEST_EVENTS as readonly string[]).includes(v);

const COLORS: Record<string, string> = {
  aidGranted: 'green',
  aidClosed: 'green',
  aidArchived: 'green',
  aidRefused: 'red',
  aidTerminated: 'red',
  aidWithdrawn: 'gray',
  aidDeemedWithdrawn: 'gray',
  materialsRequested: 'orange',
  aidObjectionFiled: 'orange',
  overdue: 'red',
  dueSoon: 'orange',
};

interface EventData {
  siteName?: string;
  opinion?: string;
  items?: string[];
  dueAt?: string;
  caseNo?: string;
  providerName?: string;
  load?: number;
  ground?: string;
  eligible?: boolean;
  satisfied?: boolean;
  grade?: string;
  decision?: string;
  channel?: string;
}

/** 办理过程: the request's timeline read with the legal aid steps' names and what each carried. */
export function AidTimeline({ events, loading, error }: { events: TimelineEvent[] | undefined; loading: boolean; error: unknown }) {
  const { t, i18n } = useTranslation('workbench');
  const labels = useAidLabels();
  const common = useLabels();
  const errorText = useErrorText();
  if (error !== undefined) return <Alert type="warning" showIcon title={errorText(error)} />;
  if (!events) return loading ? <Spin /> : null;
  if (events.length === 0) return <Empty />;

  const name = (type: string) => (isAidEvent(type) ? t(`aid.events.${type}`) : isRequestEvent(type) ? t(`requests.events.${type}`) : type);

  return (
    <Timeline
      data-testid="aid-timeline"
      items={events.map((e) => {
        const d = (typeof e.data === 'object' && e.data !== null ? e.data : {}) as EventData;
        const detail: string[] = [];
        if (d.channel && isChannel(d.channel)) detail.push(common.channel(d.channel));
        if (e.type === 'aidForwarded' && d.siteName) detail.push(t('requests.timeline.to', { site: d.siteName }));
        if (e.type === 'aidForwarded' && (d.opinion === 'recommendGrant' || d.opinion === 'recommendRefuse'))
          detail.push(t(`aid.opinions.${d.opinion}`));
        if (e.type === 'aidApplied' || e.type === 'aidReassessed')
          detail.push(d.eligible ? t('aid.eligibility.passed') : t('aid.eligibility.failed'));
        if (d.caseNo) detail.push(d.caseNo);
        if (d.providerName) detail.push(d.providerName);
        if (d.ground && e.type === 'aidEarlyAid') detail.push(labels.earlyAid(d.ground));
        if (d.ground && e.type === 'aidTerminated') detail.push(labels.termination(d.ground));
        if (typeof d.satisfied === 'boolean') detail.push(d.satisfied ? t('aid.satisfied') : t('aid.dissatisfied'));
        if (d.grade === 'excellent' || d.grade === 'qualified' || d.grade === 'unqualified') detail.push(t(`aid.grades.${d.grade}`));
        if (d.decision === 'uphold' || d.decision === 'correct') detail.push(t(`aid.objections.decisions.${d.decision}`));
        if (d.dueAt && e.type !== 'submitted') detail.push(t('requests.timeline.due', { day: lastDayOf(d.dueAt) }));
        return {
          key: e.id,
          color: COLORS[e.type] ?? 'blue',
          content: (
            <div data-testid="aid-event" data-event-type={e.type}>
              <div>
                <Typography.Text strong>{name(e.type)}</Typography.Text>
                {e.actorName && <Typography.Text type="secondary"> · {e.actorName}</Typography.Text>}
                {!e.public && (
                  <Tag style={{ marginLeft: 8 }} bordered={false}>
                    {t('requests.timeline.internal')}
                  </Tag>
                )}
              </div>
              <div style={{ fontSize: 12, color: '#8c8c8c' }}>{formatDateTime(e.at, i18n.language)}</div>
              {detail.length > 0 && <div>{detail.join(' · ')}</div>}
              {d.items && d.items.length > 0 && (
                <ol style={{ margin: '4px 0', paddingLeft: 20 }}>
                  {d.items.map((item, i) => (
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
