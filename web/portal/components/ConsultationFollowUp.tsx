import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shared/api/client.js';
import type { CitizenThread } from '../../shared/api/knowledge-admin.js';
import type { CitizenView } from '../../shared/api/types.js';
import { formatDateTime } from '../../shared/format.js';
import { useErrorText } from '../../shared/hooks/useErrorText.js';
import { Link } from '../router.js';
import { Field } from './Field.js';

const MAX_LENGTH = 2000;

/**
 * 在线咨询 on the tracking page: the lawyer's further answers and my follow-up questions, and a box to ask again
 * while the follow-up period is open (7 days after the answer). Read and written with the tracking number and the
 * phone the page was opened with.
 */
export function ConsultationFollowUp({ view, phone }: { view: CitizenView; phone: string }) {
  const { t, i18n } = useTranslation('portal');
  const errorText = useErrorText();
  const [thread, setThread] = useState<CitizenThread>();
  const [loadFailure, setLoadFailure] = useState<string>();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const path = `/public/requests/${encodeURIComponent(view.trackingNo)}/messages`;

  const load = useCallback(async () => {
    setLoadFailure(undefined);
    try {
      setThread(await api.get<CitizenThread>(path, { phone }));
    } catch (error) {
      setLoadFailure(error instanceof ApiError && error.status === 429 ? t('knowledge.consultation.tooMany') : errorText(error));
    }
  }, [path, phone, t, errorText]);
  useEffect(() => {
    void load();
  }, [load]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = text.trim();
    setSent(false);
    setFailure(undefined);
    if (body.length < 2) {
      setProblem(t('knowledge.consultation.tooShort'));
      return;
    }
    setProblem(undefined);
    setBusy(true);
    try {
      setThread(await api.post<CitizenThread>(path, { phone, body }));
      setText('');
      setSent(true);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'FOLLOW_UP_CLOSED') void load();
      setFailure(error instanceof ApiError && error.status === 429 ? t('knowledge.consultation.tooMany') : errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const answered = view.status === 'concluded';
  const days = thread?.followUpDays ?? 7;
  const until = view.concludedAt
    ? formatDateTime(new Date(Date.parse(view.concludedAt) + days * 86_400_000).toISOString(), i18n.language)
    : '';

  return (
    <section className="card consult" aria-labelledby="consult-title" data-testid="consultation-thread">
      <h2 id="consult-title" className="card__title">
        {t('knowledge.consultation.title')}
      </h2>
      {!thread && !loadFailure && <p className="muted">{t('knowledge.consultation.loading')}</p>}
      {loadFailure && (
        <p className="form__failure" role="alert">
          {t('knowledge.consultation.loadFailed', { message: loadFailure })}{' '}
          <button type="button" className="button button--small button--ghost" onClick={() => void load()}>
            {t('knowledge.consultation.retry')}
          </button>
        </p>
      )}
      {thread && thread.messages.length > 0 && (
        <ol className="consult__list">
          {thread.messages.map((m) => (
            <li key={m.id} className={`consult__msg consult__msg--${m.author}`} data-testid="consultation-message" data-author={m.author}>
              <p className="consult__who">
                <strong>{m.author === 'staff' ? t('knowledge.consultation.answer') : t('knowledge.consultation.question')}</strong>
                <span className="consult__at">{formatDateTime(m.createdAt, i18n.language)}</span>
              </p>
              <p className="consult__body">{m.body}</p>
            </li>
          ))}
        </ol>
      )}
      {sent && (
        <p className="consult__sent" role="status" data-testid="consultation-sent">
          {t('knowledge.consultation.sent')}
        </p>
      )}
      {thread?.canWrite && (
        <form className="consult__form" onSubmit={(e) => void submit(e)} noValidate data-testid="consultation-form">
          <h3 className="consult__ask">{answered ? t('knowledge.consultation.askTitle') : t('knowledge.consultation.addTitle')}</h3>
          <p className="consult__hint" data-testid="consultation-hint">
            {answered ? t('knowledge.consultation.askHint', { days, until }) : t('knowledge.consultation.addHint')}
          </p>
          <Field
            id="consultation-body"
            label={t('knowledge.consultation.label')}
            hint={t('knowledge.consultation.privacy')}
            problem={problem}
          >
            {(props) => (
              <textarea
                {...props}
                rows={4}
                maxLength={MAX_LENGTH}
                placeholder={t('knowledge.consultation.placeholder')}
                value={text}
                onChange={(e) => setText(e.target.value)}
                data-testid="consultation-body"
              />
            )}
          </Field>
          {failure && (
            <p className="form__failure" role="alert" data-testid="consultation-error">
              {failure}
            </p>
          )}
          <button type="submit" className="button button--big button--block" disabled={busy} data-testid="consultation-send">
            {busy ? t('knowledge.consultation.sending') : t('knowledge.consultation.send')}
          </button>
        </form>
      )}
      {thread && !thread.canWrite && answered && (
        <div className="consult__closed" data-testid="consultation-closed">
          <p>{t('knowledge.consultation.closed', { days })}</p>
          <Link to="/apply?item=consultation" className="button button--ghost button--block">
            {t('knowledge.consultation.askAgain')}
          </Link>
        </div>
      )}
    </section>
  );
}
