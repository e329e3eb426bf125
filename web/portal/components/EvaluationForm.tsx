import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shared/api/client.js';
import type { EvaluationInput } from '../../shared/api/types.js';
import { useErrorText } from '../../shared/hooks/useErrorText.js';

const GRADES = [5, 4, 3, 2, 1] as const;
const SCORES = [1, 2, 3, 4, 5] as const;
const ASPECTS = ['attitude', 'efficiency', 'competence'] as const;
type Aspect = (typeof ASPECTS)[number];

interface Props {
  trackingNo: string;
  phone: string;
  onDone: () => void;
}

/**
 * 好差评 on the national five grades (5 非常满意 … 1 非常不满意), and 1–5 for attitude, efficiency and
 * competence. Choosing the overall grade fills the three scores with the same number, which the citizen can change.
 */
export function EvaluationForm({ trackingNo, phone, onDone }: Props) {
  const { t } = useTranslation('portal');
  const { t: tc } = useTranslation('common');
  const errorText = useErrorText();
  const [grade, setGrade] = useState<number>();
  const [scores, setScores] = useState<Partial<Record<Aspect, number>>>({});
  const [touched, setTouched] = useState<ReadonlySet<Aspect>>(new Set());
  const [comment, setComment] = useState('');
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);

  const chooseGrade = (g: number) => {
    setGrade(g);
    setScores((s) => Object.fromEntries(ASPECTS.map((a) => [a, touched.has(a) ? s[a] : g])));
  };
  const chooseScore = (aspect: Aspect, n: number) => {
    setScores((s) => ({ ...s, [aspect]: n }));
    setTouched((was) => new Set(was).add(aspect));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { attitude, efficiency, competence } = scores;
    if (!grade || !attitude || !efficiency || !competence) {
      setFailure(t('evaluation.required'));
      return;
    }
    const body: EvaluationInput = { phone, grade, attitude, efficiency, competence, ...(comment.trim() && { comment: comment.trim() }) };
    setBusy(true);
    setFailure(undefined);
    try {
      await api.post(`/public/requests/${encodeURIComponent(trackingNo)}/evaluation`, body);
      // the page reads the request again: the form gives way to "您已评价"
      onDone();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'EVALUATION_EXISTS') setFailure(t('evaluation.exists'));
      else if (error instanceof ApiError && error.status === 429) setFailure(t('track.errors.tooMany'));
      else setFailure(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card form evaluation" onSubmit={(e) => void submit(e)} noValidate data-testid="evaluation-form">
      <h2 className="card__title">{t('evaluation.title')}</h2>
      <fieldset className="choice">
        <legend className="field__label">{t('evaluation.grade')}</legend>
        <div className="grades">
          {GRADES.map((g) => (
            <label key={g} className={`grade grade--${g}${grade === g ? ' grade--on' : ''}`} data-testid={`evaluation-grade-${g}`}>
              <input
                type="radio"
                name="grade"
                value={g}
                checked={grade === g}
                onChange={() => chooseGrade(g)}
                className="visually-hidden"
              />
              {tc(`grades.${g}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {ASPECTS.map((aspect) => (
        <fieldset key={aspect} className="choice choice--row">
          <legend className="field__label">{t(`evaluation.${aspect}`)}</legend>
          <div className="stars" data-testid={`evaluation-${aspect}`}>
            {SCORES.map((n) => (
              <label
                key={n}
                className={`star${(scores[aspect] ?? 0) >= n ? ' star--on' : ''}`}
                title={t('evaluation.score', { n })}
                data-testid={`evaluation-${aspect}-${n}`}
              >
                <input
                  type="radio"
                  name={aspect}
                  value={n}
                  checked={scores[aspect] === n}
                  onChange={() => chooseScore(aspect, n)}
                  className="visually-hidden"
                  aria-label={t('evaluation.score', { n })}
                />
                <span aria-hidden="true">★</span>
              </label>
            ))}
            <span className="stars__value">{scores[aspect] ? t('evaluation.score', { n: scores[aspect] }) : ''}</span>
          </div>
        </fieldset>
      ))}
      <div className="field">
        <label htmlFor="evaluation-comment" className="field__label">
          {t('evaluation.comment')}
        </label>
        <textarea
          id="evaluation-comment"
          className="field__control"
          rows={3}
          maxLength={1000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          data-testid="evaluation-comment"
        />
      </div>
      {failure && (
        <p className="form__failure" role="alert" data-testid="evaluation-error">
          {failure}
        </p>
      )}
      <button type="submit" className="button button--big button--block" disabled={busy} data-testid="evaluation-submit">
        {t('evaluation.submit')}
      </button>
    </form>
  );
}
