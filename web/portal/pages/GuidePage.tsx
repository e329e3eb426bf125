import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceItem } from '../../shared/api/types.js';
import { useApiData } from '../../shared/hooks/useApiData.js';
import { useErrorText } from '../../shared/hooks/useErrorText.js';
import { SubHeader, type ElderModeProps } from '../components/SubHeader.js';
import { TimeLimitText } from '../components/TimeLimitText.js';
import { publicChannel } from '../publicChannel.js';
import { loadServiceItems } from '../portalData.js';
import { Link, useLocation } from '../router.js';
import { usePageTitle } from '../usePageTitle.js';

/** 办事指南: every service the county offers, with who may apply, what to bring, the steps, fees and time limit. */
export function GuidePage(mode: ElderModeProps) {
  const { t } = useTranslation('portal');
  const { t: tc } = useTranslation('common');
  const errorText = useErrorText();
  const { query } = useLocation();
  const items = useApiData(() => loadServiceItems(), []);
  // the item named in the address (a link from elsewhere) starts open
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set(query.get('item') ? [query.get('item') ?? ''] : []));
  usePageTitle(t('nav.guide'));

  const toggle = (code: string) =>
    setOpen((was) => {
      const next = new Set(was);
      if (next.has(code)) next.delete(code);
      else next.add(code);
      return next;
    });

  return (
    <>
      <SubHeader title={t('nav.guide')} {...mode} />
      <main className="main" id="main" data-testid="guide-page">
        <p className="lead">{t('guide.intro')}</p>
        {items.loading && !items.data && (
          <p className="status" role="status">
            {tc('loading')}
          </p>
        )}
        {items.error !== undefined && (
          <div className="status status--error" role="alert">
            <p>{errorText(items.error)}</p>
            <button type="button" className="button" onClick={items.reload}>
              {tc('retry')}
            </button>
          </div>
        )}
        <ul className="guide-list">
          {items.data?.map((item) => (
            <GuideItem key={item.code} item={item} expanded={open.has(item.code)} onToggle={() => toggle(item.code)} />
          ))}
        </ul>
      </main>
    </>
  );
}

const LEGAL_AID = 'legalAid';

function GuideItem({ item, expanded, onToggle }: { item: ServiceItem; expanded: boolean; onToggle: () => void }) {
  const { t } = useTranslation('portal');
  const panelId = `guide-${item.code}`;
  const online = item.channels.includes(publicChannel());
  const g = item.guide;
  return (
    <li className={`guide-item${expanded ? ' guide-item--open' : ''}`} data-testid="guide-item" data-item-code={item.code}>
      <h2 className="guide-item__heading">
        <button type="button" className="guide-item__toggle" aria-expanded={expanded} aria-controls={panelId} onClick={onToggle}>
          <span className="guide-item__name">{item.name}</span>
          <span className={`tag${item.category === 'basic' ? ' tag--basic' : ''}`}>{t(`guide.categories.${item.category}`)}</span>
          <svg className="town__chevron" viewBox="0 0 24 24" aria-hidden="true">
            <path d="M6 9l6 6 6-6" fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </button>
      </h2>
      <p className="guide-item__summary">{item.summary}</p>
      <p className="guide-item__limit">
        <TimeLimitText policy={item.timeLimit} />
      </p>
      <div id={panelId} hidden={!expanded} className="guide-item__panel">
        {expanded && (
          <dl className="details guide-details">
            {g.who && <Row label={t('guide.who')}>{g.who}</Row>}
            {g.materials.length > 0 && (
              <Row label={t('guide.materials')}>
                <ol className="plain-list">
                  {g.materials.map((m, i) => (
                    <li key={i}>{m}</li>
                  ))}
                </ol>
              </Row>
            )}
            {g.steps.length > 0 && (
              <Row label={t('guide.steps')}>
                <ol className="plain-list">
                  {g.steps.map((s, i) => (
                    <li key={i}>{s}</li>
                  ))}
                </ol>
              </Row>
            )}
            {g.fees && <Row label={t('guide.fees')}>{g.fees}</Row>}
            {g.where && <Row label={t('guide.where')}>{g.where}</Row>}
            {item.handlingUnit && <Row label={t('guide.handlingUnit')}>{item.handlingUnit}</Row>}
            {g.basis && <Row label={t('guide.basis')}>{g.basis}</Row>}
          </dl>
        )}
      </div>
      <div className="guide-item__actions">
        {online ? (
          // legal aid has its own application (family means, the pledge), not the generic form
          <Link
            to={item.code === LEGAL_AID ? '/legal-aid' : `/apply?item=${item.code}`}
            className="button button--small"
            data-testid="guide-apply"
          >
            {t('guide.apply')}
          </Link>
        ) : (
          <span className="muted">{t('guide.offline')}</span>
        )}
      </div>
    </li>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="details__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
