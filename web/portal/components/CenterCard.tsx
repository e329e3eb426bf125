import { useTranslation } from 'react-i18next';
import type { Site } from '../../shared/api/types.js';
import { SiteDetails } from './SiteDetails.js';

/** The county's public legal service center, first on the page: the hub every other site refers to. */
export function CenterCard({ site }: { site: Site }) {
  const { t } = useTranslation('portal');
  return (
    <section className="card card--center" aria-labelledby="center-name" data-testid="center-card">
      <span className="badge">{t('centerBadge')}</span>
      <h2 id="center-name" className="card__title">
        {site.name}
      </h2>
      <SiteDetails site={site} />
    </section>
  );
}
