import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../shared/hooks/useErrorText.js';
import { CenterCard } from '../components/CenterCard.js';
import { KnowledgeEntry } from '../components/KnowledgeEntry.js';
import { PortalHeader } from '../components/PortalHeader.js';
import { SearchBox } from '../components/SearchBox.js';
import { ServiceEntries } from '../components/ServiceEntries.js';
import type { ElderModeProps } from '../components/SubHeader.js';
import { TownSection } from '../components/TownSection.js';
import { filterNetwork, roomCount } from '../network.js';
import { useServiceNetwork } from '../useServiceNetwork.js';

/** The public home page: the three services people come for, then the county's network, searchable. */
export function HomePage({ elderMode, onToggleElderMode }: ElderModeProps) {
  const { t } = useTranslation('portal');
  const { t: tc } = useTranslation('common');
  const errorText = useErrorText();
  const { data: network, error, loading, reload } = useServiceNetwork();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    document.title = t('pageTitle');
  }, [t]);

  const filtered = useMemo(() => (network ? filterNetwork(network, query) : undefined), [network, query]);
  const searching = query.trim() !== '';
  // while searching every town with a match is open, and `open` holds the ones the reader closed
  const changeQuery = (value: string) => {
    setQuery(value);
    setOpen(new Set());
  };
  const toggleTown = (code: string) =>
    setOpen((was) => {
      const next = new Set(was);
      if (next.has(code)) next.delete(code);
      else next.add(code);
      return next;
    });

  return (
    <>
      <PortalHeader countyName={network?.countyName ?? ''} elderMode={elderMode} onToggleElderMode={onToggleElderMode} />
      <main className="main" id="main">
        <ServiceEntries />
        <KnowledgeEntry />
        {loading && !network && (
          <p className="status" role="status">
            {tc('loading')}
          </p>
        )}
        {error !== undefined && (
          <div className="status status--error" role="alert">
            <p>
              {t('loadFailed')}：{errorText(error)}
            </p>
            <button type="button" className="button" onClick={reload}>
              {tc('retry')}
            </button>
          </div>
        )}
        {network && filtered && (
          <>
            <h2 className="section-title">{t('networkHeading')}</h2>
            <SearchBox value={query} onChange={changeQuery} />
            {searching && (
              <p className="search__summary" role="status" data-testid="search-summary">
                {filtered.matches > 0 ? t('searchResults', { count: filtered.matches }) : t('searchNone', { q: query.trim() })}
              </p>
            )}
            {filtered.center && <CenterCard site={filtered.center} />}
            {filtered.towns.length > 0 && (
              <section className="network" aria-labelledby="network-title">
                <h2 id="network-title" className="network__title">
                  {t('networkTitle')}
                </h2>
                {!searching && (
                  <p className="network__summary">{t('networkSummary', { towns: network.towns.length, rooms: roomCount(network) })}</p>
                )}
                <ul className="towns" data-testid="town-list">
                  {filtered.towns.map((town) => (
                    <TownSection
                      key={town.code}
                      town={town}
                      expanded={searching !== open.has(town.code)}
                      onToggle={() => toggleTown(town.code)}
                    />
                  ))}
                </ul>
              </section>
            )}
          </>
        )}
      </main>
    </>
  );
}
