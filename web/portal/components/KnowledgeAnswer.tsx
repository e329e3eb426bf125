import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FIT_REASONS, type Consult, type FitReason, type QaHit, type ServiceFit } from '../../shared/api/knowledge.js';
import type { ApplyPrefill } from '../pages/ApplyPage.js';
import { Link, navigate } from '../router.js';
import { citation, MarkedText } from './KnowledgeText.js';

/* The parts of a 智能咨询 answer: an article that may apply, an answered question like this one, a service that fits. */

const SHORT = 110;

/** A long text cut to its opening words, with a button for the rest. */
function Expandable({ text, testId }: { text: string; testId: string }) {
  const { t } = useTranslation('portal');
  const [open, setOpen] = useState(false);
  const long = text.length > SHORT + 20;
  return (
    <>
      <p className="kb-plain__text" data-testid={testId}>
        {long && !open ? `${text.slice(0, SHORT)}…` : text}
      </p>
      {long && (
        <button type="button" className="kb-more" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? t('knowledge.answer.less') : t('knowledge.answer.more')}
        </button>
      )}
    </>
  );
}

export function ArticleCard({ article }: { article: Consult['articles'][number] }) {
  const { t } = useTranslation('portal');
  return (
    <li className="kb-card" data-testid="ask-article" data-article-id={article.id}>
      <h3 className="kb-card__title">
        <span className="kb-card__law">《{article.law}》</span>
        <span className="kb-card__article">{article.article}</span>
      </h3>
      {article.chapter && <p className="kb-card__chapter">{article.chapter}</p>}
      <p className="kb-snippet" data-testid="ask-snippet">
        <MarkedText text={article.snippet} marks={article.marks} />
      </p>
      {article.summary && (
        <div className="kb-plain" data-testid="ask-summary">
          <p className="kb-plain__label">{t('knowledge.answer.plain')}</p>
          <Expandable text={article.summary.answer} testId="ask-summary-text" />
          <p className="kb-source">
            <Link to={`/qa/${article.summary.entryId}`}>{t('knowledge.answer.plainFrom', { question: article.summary.question })}</Link>
            {article.summary.answerBy && (
              <span className="kb-source__by"> {t('knowledge.answer.answeredBy', { who: article.summary.answerBy })}</span>
            )}
          </p>
        </div>
      )}
      <Link to={`/laws/articles/${article.id}`} className="kb-card__link" data-testid="ask-article-link">
        {t('knowledge.answer.readArticle')} <span aria-hidden="true">›</span>
      </Link>
    </li>
  );
}

export function SimilarItem({ item }: { item: QaHit }) {
  const { t } = useTranslation('portal');
  const [open, setOpen] = useState(false);
  const panel = `kb-similar-${item.id}`;
  return (
    <li className={`kb-similar${open ? ' kb-similar--open' : ''}`} data-testid="ask-similar" data-entry-id={item.id}>
      <h3 className="kb-similar__heading">
        <button
          type="button"
          className="kb-similar__toggle"
          aria-expanded={open}
          aria-controls={panel}
          onClick={() => setOpen(!open)}
          data-testid="ask-similar-toggle"
        >
          <span className="kb-similar__question">{item.question}</span>
          <span className="kb-similar__action">{open ? t('knowledge.answer.similarClose') : t('knowledge.answer.similarOpen')}</span>
        </button>
      </h3>
      <div id={panel} className="kb-similar__panel">
        {open ? (
          <>
            <p className="kb-answer">{item.answer}</p>
            <p className="kb-source">{t('knowledge.answer.answerBy', { by: item.answerBy })}</p>
            {item.refs.length > 0 && (
              <p className="kb-source">
                {t('knowledge.answer.cites')}：{item.refs.map((r) => citation(r.law, r.article)).join('、')}
              </p>
            )}
            <Link to={`/qa/${item.id}`} className="kb-card__link">
              {t('knowledge.answer.readQa')} <span aria-hidden="true">›</span>
            </Link>
          </>
        ) : (
          <p className="kb-snippet kb-snippet--short">
            <MarkedText text={item.snippet} marks={item.marks} />
          </p>
        )}
      </div>
    </li>
  );
}

const TIME_RANGE = /(\d{1,2}:\d{2}\s*[-–~～至]\s*\d{1,2}:\d{2})/;

/** Opening hours that never break inside a time range such as 14:30-17:30. */
function Hours({ text }: { text: string }) {
  return (
    <>
      {text.split(TIME_RANGE).map((part, i) =>
        i % 2 === 1 ? (
          <span key={i} className="nowrap">
            {part}
          </span>
        ) : (
          part
        ),
      )}
    </>
  );
}

const isReason = (code: string): code is FitReason => (FIT_REASONS as readonly string[]).includes(code);

export function ServiceCard({ fit, prefill }: { fit: ServiceFit; prefill: ApplyPrefill }) {
  const { t } = useTranslation('portal');
  const site = fit.site;
  const phone = site?.phone.trim() ?? '';
  const aid = fit.serviceItem === 'legalAid';
  const to = aid ? '/legal-aid' : `/apply?item=${encodeURIComponent(fit.serviceItem)}`;
  return (
    <li className={`kb-service${aid ? ' kb-service--aid' : ''}`} data-testid="ask-service" data-service-item={fit.serviceItem}>
      <h3 className="kb-service__name">{fit.serviceItemName}</h3>
      <ul className="kb-service__reasons">
        {fit.reasons.filter(isReason).map((r) => (
          <li key={r} data-reason={r}>
            {t(`knowledge.reasons.${r}`)}
          </li>
        ))}
      </ul>
      {site && (
        <div className="kb-site" data-testid="ask-service-site">
          <p className="kb-site__go">{t('knowledge.answer.goTo')}</p>
          <p className="kb-site__name">{site.name}</p>
          <dl className="details">
            <div className="details__row">
              <dt>{t('address')}</dt>
              <dd>{site.address}</dd>
            </div>
            <div className="details__row">
              <dt>{t('phone')}</dt>
              <dd>
                {phone ? (
                  <a className="details__link" href={`tel:${phone.replace(/[^0-9+]/g, '')}`} aria-label={t('call', { phone })}>
                    {phone}
                  </a>
                ) : (
                  <a className="details__link" href="tel:12348">
                    {t('knowledge.answer.noPhone')}
                  </a>
                )}
              </dd>
            </div>
            {site.openingHours && (
              <div className="details__row">
                <dt>{t('openingHours')}</dt>
                <dd>
                  <Hours text={site.openingHours} />
                </dd>
              </div>
            )}
          </dl>
        </div>
      )}
      <a
        href={to}
        className="button button--block kb-service__button"
        onClick={(e) => {
          e.preventDefault();
          navigate(to, { state: prefill });
        }}
        data-testid="ask-service-apply"
      >
        {aid ? t('knowledge.answer.applyAid') : t('knowledge.answer.apply')}
      </a>
    </li>
  );
}
