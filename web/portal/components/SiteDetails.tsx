import { useTranslation } from 'react-i18next';
import type { Site } from '../../shared/api/types.js';
import { useLabels } from '../../shared/labels.js';

const TIME_RANGE = /(\d{1,2}:\d{2}\s*[-–~～至]\s*\d{1,2}:\d{2})/;

/** Opening hours break between their phrases (after ，；) and never inside a time range such as 14:30-17:30. */
function Phrases({ text }: { text: string }) {
  // no look-behind in these patterns: older iOS WebViews (WeChat) cannot parse it
  const phrases = (text.match(/[^，；,;]+[，；,;]?|[，；,;]/g) ?? []).filter(Boolean);
  return (
    <>
      {phrases.map((phrase, i) => (
        <span key={i} className="phrase">
          {phrase.split(TIME_RANGE).map((part, j) =>
            j % 2 === 1 ? (
              <span key={j} className="nowrap">
                {part}
              </span>
            ) : (
              part
            ),
          )}
        </span>
      ))}
    </>
  );
}

/** A site's public details: address, hours, a phone to call, facilities, description, and directions when located. */
export function SiteDetails({ site }: { site: Site }) {
  const { t } = useTranslation('portal');
  const labels = useLabels();
  const { phone, source } = site.contactPhone;
  return (
    <dl className="details">
      <div className="details__row">
        <dt>{t('address')}</dt>
        <dd>
          {site.address}
          {site.latitude !== null && site.longitude !== null && (
            <>
              {' '}
              <a
                className="details__link"
                href={`https://uri.amap.com/marker?position=${site.longitude},${site.latitude}&name=${encodeURIComponent(site.name)}`}
                target="_blank"
                rel="noopener noreferrer"
              >
                {t('navigate')}
              </a>
            </>
          )}
        </dd>
      </div>
      <div className="details__row">
        <dt>{t('openingHours')}</dt>
        <dd>
          <Phrases text={site.openingHours} />
        </dd>
      </div>
      {/* a room without a phone of its own gives its adviser's, its station's … or 12348, saying whose it is */}
      <div className="details__row" data-testid="site-phone" data-source={source}>
        <dt>{t('phone')}</dt>
        <dd>
          <a className="details__link" href={`tel:${phone.replace(/[^0-9+]/g, '')}`} aria-label={t('call', { phone })}>
            {phone}
          </a>
          {source !== 'site' && <span className="details__whose">{t(`phoneOf.${source}`)}</span>}
        </dd>
      </div>
      {site.facilities.length > 0 && (
        <div className="details__row">
          <dt>{t('facilities')}</dt>
          <dd>
            <ul className="chips">
              {site.facilities.map((f) => (
                <li key={f} className="chip">
                  {labels.facility(f)}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      )}
      {site.description.trim() && (
        <div className="details__row">
          <dt>{t('description')}</dt>
          <dd className="details__description">{site.description}</dd>
        </div>
      )}
    </dl>
  );
}
