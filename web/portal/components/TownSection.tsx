import { useTranslation } from 'react-i18next';
import type { TownGroup } from '../network.js';
import { SiteDetails } from './SiteDetails.js';

interface Props {
  town: TownGroup;
  expanded: boolean;
  onToggle: () => void;
}

/** One town: its station's details and, when opened, its village rooms. */
export function TownSection({ town, expanded, onToggle }: Props) {
  const { t } = useTranslation('portal');
  const panelId = `town-${town.code}`;
  return (
    <li className={`town${expanded ? ' town--open' : ''}`} data-testid="town" data-town-code={town.code}>
      <h3 className="town__heading">
        <button type="button" className="town__toggle" aria-expanded={expanded} aria-controls={panelId} onClick={onToggle}>
          <span className="town__name">{town.name}</span>
          <span className="town__count">{t('roomsCount', { count: town.rooms.length })}</span>
          <svg className="town__chevron" viewBox="0 0 24 24" aria-hidden="true">
            <path d="M6 9l6 6 6-6" fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          <span className="visually-hidden">{expanded ? t('collapse') : t('expand')}</span>
        </button>
      </h3>
      <div id={panelId} className="town__panel" hidden={!expanded}>
        {expanded && (
          <>
            {town.station && (
              <article className="site site--station" data-testid="site" data-site-kind="station">
                <h4 className="site__name">{town.station.name}</h4>
                <SiteDetails site={town.station} />
              </article>
            )}
            {town.rooms.length > 0 ? (
              <>
                <p className="town__rooms-title">{t('roomsTitle')}</p>
                <ul className="rooms">
                  {town.rooms.map((room) => (
                    <li key={room.id} className="site site--room" data-testid="site" data-site-kind="room">
                      <h4 className="site__name">{room.name}</h4>
                      <SiteDetails site={room} />
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p className="town__empty">{t('noRooms')}</p>
            )}
          </>
        )}
      </div>
    </li>
  );
}
