import { useTranslation } from 'react-i18next';
import type { CitizenEvent } from '../../shared/api/types.js';
import { formatDateTime } from '../../shared/format.js';

/** The steps of a legal aid case that the applicant may see, in plain words by event type. */
const AID_EVENTS = [
  'aidApplied',
  'aidForwarded',
  'materialsReceived',
  'aidEarlyAid',
  'aidGranted',
  'aidRefused',
  'aidAssigned',
  'aidProviderChanged',
  'aidTerminated',
  'aidClosed',
  'aidArchived',
  'aidWithdrawn',
  'aidDeemedWithdrawn',
  'aidObjectionFiled',
  'aidObjectionDecided',
] as const;
type AidEvent = (typeof AID_EVENTS)[number];
const isAidEvent = (type: string): type is AidEvent => (AID_EVENTS as readonly string[]).includes(type);

/**
 * 办理过程 of a legal aid request, newest first: the case's own steps ("县法律援助中心决定给予法律援助") and
 * the request's (submitted, sent to the station, materials asked for or received, rated) in the same words as
 * any other request's timeline.
 */
export function AidTimeline({ events }: { events: CitizenEvent[] }) {
  const { t, i18n } = useTranslation('portal');
  const sentence = (e: CitizenEvent): string => {
    if (isAidEvent(e.type)) return t(`aid.events.${e.type}`);
    switch (e.type) {
      case 'submitted':
        return e.siteName ? t('track.events.submittedAt', { site: e.siteName }) : t('track.events.submitted');
      case 'dispatched':
      case 'transferred':
        return e.siteName ? t('track.events.dispatched', { site: e.siteName }) : t('track.events.other');
      case 'materialsRequested':
        return t('track.events.materialsRequested', { items: (e.items ?? []).join('、') });
      case 'resumed':
        return t('track.events.resumed');
      case 'attachmentAdded':
        return t('track.events.attachmentAdded');
      case 'evaluated':
        return t('track.events.evaluated');
      default:
        return t('track.events.other');
    }
  };
  const lines = events.map((e, i) => ({ key: `${i}-${e.at}`, at: e.at, type: e.type, text: sentence(e) })).reverse();
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title" className="card__title">
        {t('track.timelineTitle')}
      </h2>
      <ol className="timeline" data-testid="track-timeline">
        {lines.map((line, i) => (
          <li
            key={line.key}
            className={`timeline__item${i === 0 ? ' timeline__item--latest' : ''}`}
            data-testid="track-event"
            data-event-type={line.type}
          >
            <span className="timeline__dot" aria-hidden="true" />
            <p className="timeline__text">{line.text}</p>
            <p className="timeline__time">{formatDateTime(line.at, i18n.language)}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
