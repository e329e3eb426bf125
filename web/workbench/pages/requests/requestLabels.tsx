import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DueState, RequestStatus, ServiceRequest, TimeLimitPolicy } from '../../../shared/api/types.js';
import { lastDayOf } from '../../../shared/format.js';
import { isPost, useLabels } from '../../../shared/labels.js';

/** The timeline's event types; an unknown one shows as its code. */
export const EVENT_TYPES = [
  'submitted',
  'dispatched',
  'accepted',
  'returned',
  'transferred',
  'materialsRequested',
  'resumed',
  'concluded',
  'dueSoon',
  'overdue',
  'supervised',
  'supervisionReplied',
  'attachmentAdded',
  'evaluated',
  'takenOver',
  'reassigned',
  'stuck',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];
const isEventType = (v: string): v is EventType => (EVENT_TYPES as readonly string[]).includes(v);

export const STATUS_COLORS: Record<RequestStatus, string> = {
  submitted: 'gold',
  dispatched: 'blue',
  accepted: 'processing',
  awaitingMaterials: 'orange',
  concluded: 'success',
  withdrawn: 'default',
};

export function useRequestLabels() {
  const { t } = useTranslation('workbench');
  const labels = useLabels();
  return {
    ...labels,
    event: (type: string) => (isEventType(type) ? t(`requests.events.${type}`) : type),
    post: (post: string | null) => (post && isPost(post) ? labels.post(post) : (post ?? '')),
    timeLimit: (p: TimeLimitPolicy) =>
      p.days === 0 ? t('requests.timeLimitSameDay') : t(`requests.timeLimitValue.${p.unit}`, { days: p.days, soon: p.dueSoonDays }),
  };
}

export function StatusTag({ status }: { status: RequestStatus }) {
  const labels = useLabels();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="request-status" data-status={status}>
      {labels.status(status)}
    </Tag>
  );
}

const DUE_COLORS: Record<DueState, string | undefined> = { normal: undefined, dueSoon: '#d46b08', overdue: '#cf1322' };

/** The last day of the time limit, orange when due soon (临期) and red when overdue (超期); paused while awaiting materials. */
export function DueDate({
  request,
  withTag = true,
}: {
  request: Pick<ServiceRequest, 'dueAt' | 'dueState' | 'status'>;
  withTag?: boolean;
}) {
  const { t } = useTranslation('workbench');
  if (request.status === 'awaitingMaterials')
    return (
      <Tooltip title={t('requests.pausedHint')}>
        <Tag>{t('requests.paused')}</Tag>
      </Tooltip>
    );
  if (!request.dueAt) return <span>{t('table.none')}</span>;
  const open = request.status !== 'concluded' && request.status !== 'withdrawn';
  const state = open ? request.dueState : 'normal';
  return (
    <span style={{ color: DUE_COLORS[state], whiteSpace: 'nowrap' }} data-testid="due-date" data-due-state={state}>
      <span className="mono">{lastDayOf(request.dueAt)}</span>
      {withTag && state !== 'normal' && (
        <Tag color={state === 'overdue' ? 'error' : 'warning'} style={{ marginLeft: 6 }}>
          {t(`requests.dueStates.${state}`)}
        </Tag>
      )}
    </span>
  );
}
