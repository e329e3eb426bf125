import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shared/api/client.js';
import type { AidObjectionInput, AidObjectionReceipt, CitizenAidStatus } from '../../shared/api/legalaid-public.js';
import { formatDateTime, lastDayOf } from '../../shared/format.js';
import { useErrorText } from '../../shared/hooks/useErrorText.js';

interface Props {
  trackingNo: string;
  phone: string;
  aid: CitizenAidStatus;
  onFiled: () => void;
}

/**
 * 异议 (Legal Aid Law art. 49): against a refusal or a termination, to the county justice bureau — at any time,
 * or by the provincial period's last day where one runs (from receipt of the letter); then what became of it. Shown only for a refused or terminated case, or once an objection exists.
 */
export function AidObjection({ trackingNo, phone, aid, onFiled }: Props) {
  const { t } = useTranslation('portal');
  const ended = aid.stage === 'refused' || aid.stage === 'terminated';
  if (!aid.objection && !ended) return null;
  return (
    <section className={`card aid-objection${aid.canObject ? ' next--act' : ''}`} aria-labelledby="aid-objection-title">
      <h2 id="aid-objection-title" className="card__title">
        {aid.objection && !aid.canObject ? t('aid.objection.titleFiled') : t('aid.objection.title')}
      </h2>
      {aid.objection && <ObjectionStatus objection={aid.objection} />}
      {aid.canObject && <ObjectionForm trackingNo={trackingNo} phone={phone} deadline={aid.objectionDeadline} onFiled={onFiled} />}
      {!aid.canObject && !aid.objection && aid.objectionDeadline && (
        <p data-testid="objection-over">{t('aid.objection.over', { day: lastDayOf(aid.objectionDeadline) })}</p>
      )}
    </section>
  );
}

function ObjectionStatus({ objection }: { objection: NonNullable<CitizenAidStatus['objection']> }) {
  const { t, i18n } = useTranslation('portal');
  const reason = objection.decisionReason ?? '';
  return (
    <div className="aid-objection__status" role="status" data-testid="objection-status" data-decision={objection.decision ?? ''}>
      <p>{t('aid.objection.filed', { at: formatDateTime(objection.filedAt, i18n.language), day: lastDayOf(objection.dueAt) })}</p>
      {objection.decision === 'uphold' && <p className="aid-objection__answer">{t('aid.objection.upheld', { reason })}</p>}
      {objection.decision === 'correct' && <p className="aid-objection__answer">{t('aid.objection.corrected', { reason })}</p>}
    </div>
  );
}

function ObjectionForm({
  trackingNo,
  phone,
  deadline,
  onFiled,
}: {
  trackingNo: string;
  phone: string;
  deadline: string | null;
  onFiled: () => void;
}) {
  const { t } = useTranslation('portal');
  const errorText = useErrorText();
  const [grounds, setGrounds] = useState('');
  const [problem, setProblem] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(undefined);
    if (grounds.trim().length < 5) {
      setProblem(t('aid.objection.errors.grounds'));
      return;
    }
    setBusy(true);
    try {
      const body: AidObjectionInput = { phone, grounds: grounds.trim() };
      await api.post<AidObjectionReceipt>(`/public/legal-aid/${encodeURIComponent(trackingNo)}/objections`, body);
      // the page reads the case again: the form gives way to the objection's status
      onFiled();
    } catch (error) {
      setFailure(error instanceof ApiError && error.status === 429 ? t('track.errors.tooMany') : errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form aid-objection__form" onSubmit={(e) => void submit(e)} noValidate data-testid="objection-form">
      <p data-testid="objection-deadline">
        {deadline ? t('aid.objection.intro', { day: lastDayOf(deadline) }) : t('aid.objection.introNoPeriod')}
      </p>
      <div className={`field${problem ? ' field--invalid' : ''}`}>
        <label htmlFor="objection-grounds" className="field__label">
          {t('aid.objection.grounds')}
          <span className="field__required">{t('form.required')}</span>
        </label>
        <textarea
          id="objection-grounds"
          className="field__control"
          rows={4}
          maxLength={5000}
          placeholder={t('aid.objection.groundsPlaceholder')}
          aria-invalid={Boolean(problem)}
          aria-describedby={problem ? 'objection-grounds-problem' : undefined}
          value={grounds}
          onChange={(e) => {
            setGrounds(e.target.value);
            setProblem(undefined);
          }}
          data-testid="objection-grounds"
        />
        {problem && (
          <p id="objection-grounds-problem" className="field__problem" role="alert">
            {problem}
          </p>
        )}
      </div>
      {failure && (
        <p className="form__failure" role="alert" data-testid="objection-error">
          {failure}
        </p>
      )}
      <button type="submit" className="button button--big button--block" disabled={busy} data-testid="objection-submit">
        {busy ? t('aid.objection.submitting') : t('aid.objection.submit')}
      </button>
    </form>
  );
}
