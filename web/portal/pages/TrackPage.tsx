import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shared/api/client.js';
import type { CitizenAidStatus } from '../../shared/api/legalaid-public.js';
import type { CitizenView } from '../../shared/api/types.js';
import { formatDateTime, lastDayOf } from '../../shared/format.js';
import { useErrorText } from '../../shared/hooks/useErrorText.js';
import { formatTrackingNo, isPhone, normalizePhone, normalizeTrackingNo, TRACKING_NO } from '../../shared/tracking.js';
import { AidStatusPanel, loadAid, loadAidStatus } from '../components/AidStatusPanel.js';
import { AidTimeline } from '../components/AidTimeline.js';
import { CitizenTimeline } from '../components/CitizenTimeline.js';
import { ConsultationFollowUp } from '../components/ConsultationFollowUp.js';
import { EvaluationForm } from '../components/EvaluationForm.js';
import { Field } from '../components/Field.js';
import { MaterialsUpload } from '../components/MaterialsUpload.js';
import { SubHeader, type ElderModeProps } from '../components/SubHeader.js';
import { navigate, useLocation } from '../router.js';
import { usePageTitle } from '../usePageTitle.js';
import type { TrackState } from './ApplyPage.js';

interface Problems {
  no?: string;
  phone?: string;
}

const phoneFrom = (state: unknown) =>
  typeof state === 'object' && state !== null && typeof (state as Partial<TrackState>).phone === 'string'
    ? (state as TrackState).phone
    : '';

/** 进度查询: the tracking number and the phone given with it; then the status, the steps in plain words and what to do. */
export function TrackPage(mode: ElderModeProps) {
  const { t } = useTranslation('portal');
  const errorText = useErrorText();
  const location = useLocation();
  const [no, setNo] = useState(() => formatTrackingNo(location.query.get('no') ?? ''));
  const [phone, setPhone] = useState(() => phoneFrom(location.state));
  const [problems, setProblems] = useState<Problems>({});
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [view, setView] = useState<CitizenView>();
  const [aid, setAid] = useState<CitizenAidStatus | null>(null);
  const [asked, setAsked] = useState<{ no: string; phone: string; proxy: boolean }>();
  const result = useRef<HTMLDivElement>(null);
  usePageTitle(t('nav.track'));

  const lookUp = useCallback(
    async (trackingNo: string, phoneNumber: string) => {
      setBusy(true);
      setFailure(undefined);
      try {
        let answer: CitizenView;
        let aidStatus: CitizenAidStatus | null = null;
        let proxy = false;
        try {
          answer = await api.get<CitizenView>(`/public/requests/${encodeURIComponent(trackingNo)}`, { phone: phoneNumber });
          // a legal aid request has its case behind it: its stage, dates and objection (without it, the plain view)
          if (answer.serviceItem === 'legalAid') aidStatus = await loadAidStatus(trackingNo, phoneNumber).catch(() => null);
        } catch (error) {
          // not the applicant's phone: a legal aid case may be tracked with the phone of the proxy who applied
          if (!(error instanceof ApiError && error.status === 404)) throw error;
          const viaProxy = await loadAid(trackingNo, phoneNumber);
          if (!viaProxy.request || !viaProxy.legalAid) throw error;
          answer = viaProxy.request;
          aidStatus = viaProxy.legalAid;
          proxy = true;
        }
        setView(answer);
        setAid(aidStatus);
        setAsked({ no: trackingNo, phone: phoneNumber, proxy });
        // the number goes in the address (to bookmark or share); the phone never does
        navigate(`/track?no=${trackingNo}`, { replace: true });
      } catch (error) {
        setView(undefined);
        if (error instanceof ApiError && error.status === 404) setFailure(t('track.errors.notFound'));
        else if (error instanceof ApiError && error.status === 429) setFailure(t('track.errors.tooMany'));
        else setFailure(errorText(error));
      } finally {
        setBusy(false);
      }
    },
    [t, errorText],
  );

  // straight from the application page, the number and the phone are both known: look it up at once
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const n = normalizeTrackingNo(no);
    if (TRACKING_NO.test(n) && isPhone(phone)) void lookUp(n, normalizePhone(phone));
  }, [no, phone, lookUp]);

  // a screen reader starts reading at the answer; the page itself starts at the top
  useEffect(() => {
    if (view) result.current?.focus({ preventScroll: true });
  }, [view]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = normalizeTrackingNo(no);
    const found: Problems = {};
    if (!TRACKING_NO.test(n)) found.no = t('track.errors.no');
    if (!isPhone(phone)) found.phone = t('track.errors.phone');
    setProblems(found);
    setFailure(undefined);
    if (found.no || found.phone) return;
    void lookUp(n, normalizePhone(phone.trim()));
  };

  const again = () => {
    setView(undefined);
    setAsked(undefined);
    setNo('');
    setPhone('');
    navigate('/track', { replace: true });
  };

  return (
    <>
      <SubHeader title={t('nav.track')} {...mode} />
      <main className="main" id="main">
        {!view && (
          <>
            <p className="lead">{t('track.intro')}</p>
            <form className="card form" onSubmit={submit} noValidate data-testid="track-form">
              <Field id="track-no" label={t('track.no')} required problem={problems.no}>
                {(props) => (
                  <input
                    {...props}
                    name="no"
                    className={`${props.className} mono`}
                    autoComplete="off"
                    autoCapitalize="characters"
                    spellCheck={false}
                    maxLength={30}
                    placeholder={t('track.noPlaceholder')}
                    value={no}
                    onChange={(e) => setNo(e.target.value)}
                    data-testid="track-no"
                  />
                )}
              </Field>
              <Field id="track-phone" label={t('track.phone')} required problem={problems.phone}>
                {(props) => (
                  <input
                    {...props}
                    name="phone"
                    type="tel"
                    inputMode="tel"
                    autoComplete="tel"
                    maxLength={20}
                    value={phone}
                    onChange={(e) => setPhone(e.target.value)}
                    data-testid="track-phone"
                  />
                )}
              </Field>
              {failure && (
                <p className="form__failure" role="alert" data-testid="track-error">
                  {failure}
                </p>
              )}
              <button type="submit" className="button button--big button--block" disabled={busy} data-testid="track-submit">
                {busy ? t('track.searching') : t('track.submit')}
              </button>
            </form>
          </>
        )}
        {view && asked && (
          <div ref={result} tabIndex={-1} className="track" data-testid="track-result">
            <TrackResult
              view={view}
              aid={aid}
              phone={asked.phone}
              proxy={asked.proxy}
              onChanged={() => void lookUp(asked.no, asked.phone)}
            />
            <button type="button" className="button button--ghost button--block" onClick={again} data-testid="track-again">
              {t('track.again')}
            </button>
          </div>
        )}
      </main>
    </>
  );
}

function TrackResult({
  view,
  aid,
  phone,
  proxy,
  onChanged,
}: {
  view: CitizenView;
  aid: CitizenAidStatus | null;
  phone: string;
  /** found with the proxy's phone: uploads and ratings go with the applicant's phone, so they are not offered */
  proxy: boolean;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation('portal');
  const site = view.handlerSiteName ?? t('track.ourStaff');
  if (aid)
    return (
      <>
        <AidStatusPanel
          view={view}
          aid={aid}
          phone={phone}
          onChanged={onChanged}
          upload={
            proxy ? (
              <p className="muted" data-testid="aid-proxy-upload-note">
                {t('aid.track.proxyUpload')}
              </p>
            ) : (
              <MaterialsUpload trackingNo={view.trackingNo} phone={phone} onSent={onChanged} />
            )
          }
        />
        {view.canEvaluate && !proxy && <EvaluationForm trackingNo={view.trackingNo} phone={phone} onDone={onChanged} />}
        <AidTimeline events={view.timeline} />
      </>
    );
  return (
    <>
      <section className={`card status-card status-card--${view.status}`} aria-labelledby="status-title">
        <p className="status-card__no mono">
          {t('track.no')} {formatTrackingNo(view.trackingNo)}
        </p>
        <h2 id="status-title" className="status-card__status" data-testid="track-status" data-status={view.status}>
          {t(`track.status.${view.status}`, { site })}
        </h2>
        <dl className="details">
          <div className="details__row">
            <dt>{t('track.item')}</dt>
            <dd>{view.serviceItemName}</dd>
          </div>
          <div className="details__row">
            <dt>{t('track.createdAt')}</dt>
            <dd>{formatDateTime(view.createdAt, i18n.language)}</dd>
          </div>
          {view.handlerSiteName && (
            <div className="details__row">
              <dt>{t('track.handler')}</dt>
              <dd>{view.handlerSiteName}</dd>
            </div>
          )}
          {view.status !== 'concluded' && (
            <div className="details__row">
              <dt>{t('track.dueAt')}</dt>
              <dd>{view.dueAt ? t('track.dueBy', { day: lastDayOf(view.dueAt) }) : t('track.duePaused')}</dd>
            </div>
          )}
          {view.status === 'concluded' && view.result && (
            <div className="details__row">
              <dt>{t('track.result')}</dt>
              <dd className="details__description" data-testid="track-result-text">
                {view.result}
              </dd>
            </div>
          )}
        </dl>
      </section>
      {view.serviceItem === 'consultation' && <ConsultationFollowUp view={view} phone={phone} />}
      <NextStep view={view} site={site}>
        {view.status === 'awaitingMaterials' && <MaterialsUpload trackingNo={view.trackingNo} phone={phone} onSent={onChanged} />}
      </NextStep>
      {view.canEvaluate && <EvaluationForm trackingNo={view.trackingNo} phone={phone} onDone={onChanged} />}
      <section className="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title" className="card__title">
          {t('track.timelineTitle')}
        </h2>
        <CitizenTimeline events={view.timeline} />
      </section>
    </>
  );
}

/** What the citizen must do now, if anything: bring the missing materials, rate the service, or nothing. */
function NextStep({ view, site, children }: { view: CitizenView; site: string; children?: ReactNode }) {
  const { t } = useTranslation('portal');
  const { t: tc } = useTranslation('common');
  let body;
  if (view.status === 'awaitingMaterials')
    body = (
      <>
        <p>{t('track.next.materials', { site })}</p>
        <ol className="plain-list plain-list--big" data-testid="track-missing">
          {(view.missingMaterials ?? []).map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </ol>
        <p className="muted">{t('track.next.paused')}</p>
      </>
    );
  else if (view.canEvaluate) body = <p>{t('track.next.rate')}</p>;
  else if (view.evaluation)
    body = (
      <p role="status" data-testid="evaluation-done">
        {t('track.next.rated', { grade: tc(`grades.${gradeKey(view.evaluation.grade)}`) })}
      </p>
    );
  else if (view.status === 'concluded' || view.status === 'withdrawn') body = <p>{t('track.next.none')}</p>;
  else body = <p>{t('track.next.wait')}</p>;
  return (
    <section
      className={`card next${view.status === 'awaitingMaterials' || view.canEvaluate ? ' next--act' : ''}`}
      aria-labelledby="next-title"
      data-testid="track-next"
    >
      <h2 id="next-title" className="card__title">
        {t('track.next.title')}
      </h2>
      {body}
      {children}
    </section>
  );
}

export type GradeKey = '1' | '2' | '3' | '4' | '5';
export const gradeKey = (grade: number): GradeKey => String(Math.min(5, Math.max(1, Math.round(grade)))) as GradeKey;
