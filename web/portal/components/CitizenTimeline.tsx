import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CitizenEvent } from '../../shared/api/types.js';
import { formatDateTime } from '../../shared/format.js';

/**
 * One step in plain words. `site` is where the request was last sent (an acceptance names none itself). An
 * online request opens with the step that sent it on: "submitted, sent to X" is one line.
 */
function sentence(t: TFunction<'portal'>, e: CitizenEvent, site: string, first: boolean): string {
  switch (e.type) {
    case 'submitted':
      return e.siteName ? t('track.events.submittedAt', { site: e.siteName }) : t('track.events.submitted');
    case 'dispatched':
      if (first && e.siteName) return t('track.events.submittedTo', { site: e.siteName });
      return t('track.events.dispatched', { site: e.siteName ?? site });
    case 'transferred':
    case 'reassigned':
      return t('track.events.dispatched', { site: e.siteName ?? site });
    case 'takenOver':
      return t('track.events.acceptedAt', { site: e.siteName ?? site });
    case 'accepted':
      return site ? t('track.events.acceptedAt', { site }) : t('track.events.accepted');
    case 'materialsRequested':
      return t('track.events.materialsRequested', { items: (e.items ?? []).join('、') });
    case 'resumed':
      return t('track.events.resumed');
    case 'attachmentAdded':
      return t('track.events.attachmentAdded');
    case 'evaluated':
      return t('track.events.evaluated');
    case 'concluded':
      return e.note ? t('track.events.concluded', { note: e.note }) : t('track.events.concludedPlain');
    default:
      return t('track.events.other');
  }
}

/** The steps of a request in plain words, newest first: "已转交 十里镇公共法律服务工作站 办理", "需要补充材料：…". */
export function CitizenTimeline({ events }: { events: CitizenEvent[] }) {
  const { t, i18n } = useTranslation('portal');
  let site = '';
  const lines = events.map((e, i) => {
    // a supervisor's reassignment or taking over names the site that holds it now
    if (['dispatched', 'transferred', 'reassigned', 'takenOver'].includes(e.type) && e.siteName) site = e.siteName;
    return { key: `${i}-${e.at}`, at: e.at, type: e.type, text: sentence(t, e, site, i === 0) };
  });
  lines.reverse();
  return (
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
  );
}
