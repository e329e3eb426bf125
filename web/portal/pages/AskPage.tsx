import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Consult } from '../../shared/api/knowledge.js';
import type { RegionNode } from '../../shared/api/types.js';
import { useApiData } from '../../shared/hooks/useApiData.js';
import { ArticleCard, ServiceCard, SimilarItem } from '../components/KnowledgeAnswer.js';
import { KnowledgeHelp, LoadStatus, useKnowledge } from '../components/KnowledgeCommon.js';
import { Field } from '../components/Field.js';
import { SubHeader, type ElderModeProps } from '../components/SubHeader.js';
import { loadRegionTree, townsOf } from '../portalData.js';
import { navigate, useLocation } from '../router.js';
import { usePageTitle } from '../usePageTitle.js';

const EXAMPLES = ['wages', 'land', 'divorce', 'elderly', 'debt', 'traffic'] as const;

const regionOf = (value: string | null) => (value && /^[0-9]{9}([0-9]{3})?$/.test(value) ? value : '');

/**
 * 智能咨询 (/ask?q=…&region=…): a question in the person's own words → the rules that may apply, with the
 * words found marked and a plain-words answer where one exists, answered questions like it, who can help and
 * where (their own village or town when they say where they live), and always a lawyer and 12348. The question
 * is in the address, so that going back from an article shows the answer again.
 */
export function AskPage(mode: ElderModeProps) {
  const { t, i18n } = useTranslation('portal');
  const { query } = useLocation();
  const asked = (query.get('q') ?? '').trim();
  const region = regionOf(query.get('region'));
  const answer = useKnowledge<Consult>(asked.length >= 2 ? '/knowledge/consult' : null, { q: asked, regionCode: region });
  const towns = useApiData(async () => townsOf(await loadRegionTree()), []);
  usePageTitle(t('knowledge.ask.title'));

  const [text, setText] = useState(asked);
  const [town, setTown] = useState(region.slice(0, 9));
  const [village, setVillage] = useState(region.length === 12 ? region : '');
  const [editing, setEditing] = useState(asked === '');
  const [problem, setProblem] = useState<string>();
  const box = useRef<HTMLTextAreaElement>(null);

  // the address leads (back and forward included): the form shows what was asked there
  useEffect(() => {
    setText(asked);
    setTown(region.slice(0, 9));
    setVillage(region.length === 12 ? region : '');
    setEditing(asked === '');
    setProblem(undefined);
  }, [asked, region]);

  const villages: RegionNode[] = useMemo(() => towns.data?.find((x) => x.code === town)?.children ?? [], [towns.data, town]);
  const place = useMemo(() => {
    const tw = towns.data?.find((x) => x.code === region.slice(0, 9));
    const vl = tw?.children.find((x) => x.code === region);
    return [tw?.name, vl ? vl.shortName || vl.name : ''].filter(Boolean).join(' ');
  }, [towns.data, region]);

  const ask = (question: string) => {
    const q = question.trim();
    if (q.length < 2) {
      setProblem(t('knowledge.ask.tooShort'));
      box.current?.focus();
      return;
    }
    const params = new URLSearchParams({ q });
    const where = village || town;
    if (where) params.set('region', where);
    setEditing(false);
    navigate(`/ask?${params.toString()}`);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    ask(text);
  };
  // an example is asked in Chinese whatever the page's language: the library is Chinese
  const zh = i18n.getFixedT('zh-CN', 'portal');

  const data = answer.data;
  const empty = data && !data.articles.length && !data.similar.length && !data.services.length;
  const prefill = { description: asked, regionCode: region };

  return (
    <>
      <SubHeader title={t('knowledge.ask.title')} {...mode} />
      <main className="main kb" id="main" data-testid="ask-page">
        {editing ? (
          <>
            <form className="card form kb-ask" onSubmit={submit} noValidate data-testid="ask-form">
              <Field id="ask-question" label={t('knowledge.ask.label')} problem={problem}>
                {(props) => (
                  <textarea
                    {...props}
                    ref={box}
                    name="q"
                    rows={4}
                    maxLength={500}
                    placeholder={t('knowledge.ask.placeholder')}
                    value={text}
                    onChange={(e) => {
                      setText(e.target.value);
                      setProblem(undefined);
                    }}
                    data-testid="ask-question"
                  />
                )}
              </Field>
              {t('knowledge.ask.languageNote') && <p className="field__hint kb-ask__note">{t('knowledge.ask.languageNote')}</p>}
              <fieldset className="kb-ask__where">
                <legend className="kb-ask__legend">{t('knowledge.ask.where')}</legend>
                <div className="kb-ask__places">
                  <Field id="ask-town" label={t('knowledge.ask.town')}>
                    {(props) => (
                      <select
                        {...props}
                        value={town}
                        onChange={(e) => {
                          setTown(e.target.value);
                          setVillage('');
                        }}
                        data-testid="ask-town"
                      >
                        <option value="">{t('knowledge.ask.townAny')}</option>
                        {towns.data?.map((x) => (
                          <option key={x.code} value={x.code}>
                            {x.name}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  <Field id="ask-village" label={t('knowledge.ask.village')}>
                    {(props) => (
                      <select
                        {...props}
                        value={village}
                        disabled={!town}
                        onChange={(e) => setVillage(e.target.value)}
                        data-testid="ask-village"
                      >
                        <option value="">{t('knowledge.ask.villageAny')}</option>
                        {villages.map((v) => (
                          <option key={v.code} value={v.code}>
                            {v.shortName || v.name}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                </div>
              </fieldset>
              <button type="submit" className="button button--big button--block" data-testid="ask-submit">
                {t('knowledge.ask.submit')}
              </button>
            </form>
            <section className="kb-examples" aria-labelledby="kb-examples-title">
              <h2 id="kb-examples-title" className="kb-examples__title">
                {t('knowledge.ask.examples')}
              </h2>
              <ul className="kb-examples__list">
                {EXAMPLES.map((key) => (
                  <li key={key}>
                    <button
                      type="button"
                      className="kb-example"
                      onClick={() => ask(zh(`knowledge.ask.exampleList.${key}`))}
                      data-testid="ask-example"
                    >
                      {t(`knowledge.ask.exampleList.${key}`)}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          </>
        ) : (
          <section className="card kb-asked" data-testid="ask-asked">
            <p className="kb-asked__label">{t('knowledge.ask.youAsked')}</p>
            <p className="kb-asked__question" data-testid="ask-asked-question">
              {asked}
            </p>
            {place && <p className="kb-asked__place">{place}</p>}
            <button type="button" className="button button--ghost button--small" onClick={() => setEditing(true)} data-testid="ask-again">
              {t('knowledge.ask.again')}
            </button>
          </section>
        )}

        {asked.length >= 2 && !data && <LoadStatus error={answer.error} reload={answer.reload} />}
        {data && (
          <div className="kb-result" data-testid="ask-result">
            {/* on a phone the way to help is screens below the articles: a way straight there */}
            {!empty && (
              <nav className="kb-jump" aria-label={t('knowledge.answer.services')}>
                <a href="#kb-services">
                  {t('knowledge.answer.jumpServices')} <span aria-hidden="true">↓</span>
                </a>
                <a href="#kb-help">
                  {t('knowledge.answer.jumpLawyer')} <span aria-hidden="true">↓</span>
                </a>
              </nav>
            )}
            {empty && (
              <p className="notice" role="status" data-testid="ask-empty">
                {t('knowledge.ask.nothing')}
              </p>
            )}
            {data.articles.length > 0 && (
              <section className="kb-section" aria-labelledby="kb-articles">
                <h2 id="kb-articles" className="kb-section__title">
                  {t('knowledge.answer.articles')}
                </h2>
                <p className="kb-section__hint">{t('knowledge.answer.articlesHint')}</p>
                <ol className="kb-list">
                  {data.articles.map((a) => (
                    <ArticleCard key={a.id} article={a} />
                  ))}
                </ol>
              </section>
            )}
            {data.similar.length > 0 && (
              <section className="kb-section" aria-labelledby="kb-similar">
                <h2 id="kb-similar" className="kb-section__title">
                  {t('knowledge.answer.similar')}
                </h2>
                <ul className="kb-list">
                  {data.similar.map((q) => (
                    <SimilarItem key={q.id} item={q} />
                  ))}
                </ul>
              </section>
            )}
            <section className="kb-section" id="kb-services" aria-labelledby="kb-services-title">
              <h2 id="kb-services-title" className="kb-section__title">
                {t('knowledge.answer.services')}
              </h2>
              {data.services.length === 0 && <p className="kb-section__hint">{t('knowledge.answer.servicesNone')}</p>}
              {data.services.length > 0 && !region && <p className="kb-section__hint">{t('knowledge.answer.pickPlace')}</p>}
              {data.services.length > 0 && (
                <ul className="kb-list">
                  {data.services.map((s) => (
                    <ServiceCard key={s.serviceItem} fit={s} prefill={prefill} />
                  ))}
                </ul>
              )}
            </section>
          </div>
        )}
        {asked.length >= 2 && data && <KnowledgeHelp question={asked} regionCode={region} />}
        {asked.length < 2 && <KnowledgeHelp question="" regionCode="" disclaimer={false} />}
      </main>
    </>
  );
}
