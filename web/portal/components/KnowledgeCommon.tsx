import { useTranslation } from 'react-i18next';
import { api, ApiError, type QueryValue } from '../../shared/api/client.js';
import { useApiData } from '../../shared/hooks/useApiData.js';
import { useErrorText } from '../../shared/hooks/useErrorText.js';
import type { ApplyPrefill } from '../pages/ApplyPage.js';
import { navigate } from '../router.js';

/*
 * What the 智能咨询 and law library pages share: loading with a small memory (going back shows the page at
 * once, where it was), the loading and error lines, the way to a lawyer, and the way back.
 */

const MEMORY = 30;
const memory = new Map<string, unknown>();

function keyOf(path: string, query: Record<string, QueryValue> | undefined): string {
  return `${path}?${JSON.stringify(query ?? {})}`;
}

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  reload: () => void;
}

/** GET a knowledge address (null: nothing to load yet). An answer seen in this visit shows at once. */
export function useKnowledge<T>(path: string | null, query?: Record<string, QueryValue>): Loaded<T> {
  const key = path === null ? '' : keyOf(path, query);
  const remembered = memory.get(key) as T | undefined;
  const loaded = useApiData<{ key: string; value: T } | undefined>(
    async (signal) => {
      if (path === null) return undefined;
      if (remembered !== undefined) return { key, value: remembered };
      const value = await api.get<T>(path, query, signal);
      memory.set(key, value);
      // the oldest answers go first
      if (memory.size > MEMORY) memory.delete(memory.keys().next().value as string);
      return { key, value };
    },
    [key],
  );
  // an answer is shown only for the address it belongs to, never the previous page's
  const data = loaded.data?.key === key ? loaded.data.value : remembered;
  return { data, error: loaded.error, reload: loaded.reload };
}

/** The loading line, or what went wrong (not found in plain words) with a way to try again. */
export function LoadStatus({ error, reload }: { error: unknown; reload: () => void }) {
  const { t } = useTranslation('portal');
  const { t: tc } = useTranslation('common');
  const errorText = useErrorText();
  if (error === undefined)
    return (
      <p className="status" role="status">
        {tc('loading')}
      </p>
    );
  const missing = error instanceof ApiError && error.status === 404;
  return (
    <div className="status status--error" role="alert" data-testid="knowledge-error">
      <p>{missing ? t('knowledge.notFound') : errorText(error)}</p>
      {!missing && (
        <button type="button" className="button" onClick={reload}>
          {tc('retry')}
        </button>
      )}
    </div>
  );
}

/** Always at hand under an answer: a lawyer online (the question goes along), 12348, and what the answer is not. */
export function KnowledgeHelp({ question, regionCode, disclaimer = true }: { question: string; regionCode: string; disclaimer?: boolean }) {
  const { t } = useTranslation('portal');
  const toLawyer = '/apply?item=consultation';
  return (
    <section className="card kb-help" id="kb-help" aria-labelledby="kb-help-title" data-testid="ask-help">
      <h2 id="kb-help-title" className="visually-hidden">
        {t('knowledge.answer.lawyer')}
      </h2>
      <a
        href={toLawyer}
        className="button button--big button--block kb-help__lawyer"
        onClick={(e) => {
          e.preventDefault();
          navigate(toLawyer, { state: { description: question, regionCode } satisfies ApplyPrefill });
        }}
        data-testid="ask-lawyer"
      >
        {t('knowledge.answer.lawyer')}
      </a>
      <p className="kb-help__hint">{t('knowledge.answer.lawyerHint')}</p>
      <a href="tel:12348" className="button button--ghost button--block kb-help__hotline" data-testid="ask-hotline">
        {t('knowledge.answer.hotline')}
      </a>
      {disclaimer && (
        <p className="kb-disclaimer" data-testid="ask-disclaimer">
          {t('knowledge.answer.disclaimer')}
        </p>
      )}
    </section>
  );
}

/** Back where the reader came from, when this visit has a page before this one (a kiosk has no back button). */
export function BackButton() {
  const { t } = useTranslation('portal');
  if (window.history.length < 2) return null;
  return (
    <button type="button" className="kb-back" onClick={() => window.history.back()} data-testid="knowledge-back">
      <span aria-hidden="true">‹</span> {t('knowledge.article.back')}
    </button>
  );
}
