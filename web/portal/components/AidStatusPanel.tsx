import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api/client.js';
import type { CitizenAid, CitizenAidStatus } from '../../shared/api/legalaid-public.js';
import type { CitizenView } from '../../shared/api/types.js';
import { formatDateTime, lastDayOf } from '../../shared/format.js';
import { formatTrackingNo } from '../../shared/tracking.js';
import { AidObjection } from './AidObjectionForm.js';

/** The legal aid case behind a request, as its applicant may see it (same tracking number and phone). */
export async function loadAidStatus(trackingNo: string, phone: string): Promise<CitizenAidStatus | null> {
  return (await loadAid(trackingNo, phone)).legalAid;
}

/**
 * The case with the request's own view: the look-up that also takes the phone of the proxy who applied (a
 * relative of a detained person), which the request does not know.
 */
export function loadAid(trackingNo: string, phone: string): Promise<CitizenAid> {
  return api.get<CitizenAid>(`/public/legal-aid/${encodeURIComponent(trackingNo)}`, { phone });
}

interface Props {
  view: CitizenView;
  aid: CitizenAidStatus;
  phone: string;
  onChanged: () => void;
  /** the tracking page's upload control, shown while materials are missing */
  upload?: ReactNode;
}

/**
 * 法律援助 on the tracking page: the stage and what to do next in plain words (by stage code, in the reader's
 * language), the case number, the deadline that matters now, the missing materials, who acts for the
 * applicant, the reason of a refusal or termination, and the objection.
 */
export function AidStatusPanel({ view, aid, phone, onChanged, upload }: Props) {
  const { t, i18n } = useTranslation('portal');
  const { t: tc } = useTranslation('common');
  const stage = aid.stage;
  const deadline = deadlineOf(aid);
  const act = stage === 'awaitingMaterials';
  return (
    <>
      <section
        className={`card status-card aid-status aid-status--${stage}`}
        aria-labelledby="status-title"
        data-testid="aid-panel"
        data-stage={stage}
      >
        <p className="status-card__no mono">
          {t('track.no')} {formatTrackingNo(view.trackingNo)}
        </p>
        <h2 id="status-title" className="status-card__status" data-testid="aid-status" data-stage={stage}>
          {tc(`aid.citizenStages.${stage}.status`)}
        </h2>
        {aid.earlyAid && (
          <p className="aid-early" data-testid="aid-early">
            {t('aid.track.earlyAid')}
          </p>
        )}
        <dl className="details">
          <Row label={t('track.item')}>{view.serviceItemName || t('aid.track.item')}</Row>
          {aid.caseNo && (
            <Row label={t('aid.track.caseNo')}>
              <span data-testid="aid-case-no">{aid.caseNo}</span>
            </Row>
          )}
          <Row label={t('track.createdAt')}>{formatDateTime(view.createdAt, i18n.language)}</Row>
          {view.handlerSiteName && stage === 'firstReview' && <Row label={t('track.handler')}>{view.handlerSiteName}</Row>}
          {deadline && (
            <Row label={t(`aid.track.${deadline.kind}Due`)}>
              <strong data-testid="aid-deadline" data-kind={deadline.kind}>
                {t(`aid.track.${deadline.kind}DueBy`, { day: lastDayOf(deadline.at) })}
              </strong>
            </Row>
          )}
          {aid.provider && (
            <Row label={t('aid.track.provider')}>
              <div data-testid="aid-provider">
                <p className="aid-provider__name">{aid.provider.name}</p>
                {aid.provider.organisation && <p className="muted">{aid.provider.organisation}</p>}
                {aid.provider.phone && (
                  <a
                    href={`tel:${aid.provider.phone.replace(/[^0-9+]/g, '')}`}
                    className="aid-provider__phone"
                    data-testid="aid-provider-phone"
                  >
                    {t('aid.track.call', { phone: aid.provider.phone })}
                  </a>
                )}
              </div>
            </Row>
          )}
        </dl>
        {aid.reason && (
          <div className="aid-reason">
            <p className="aid-reason__label">{stage === 'terminated' ? t('aid.track.reasonTerminated') : t('aid.track.reasonRefused')}</p>
            <p className="details__description" data-testid="aid-reason">
              {aid.reason}
            </p>
          </div>
        )}
      </section>
      <section className={`card next${act ? ' next--act' : ''}`} aria-labelledby="next-title" data-testid="aid-next">
        <h2 id="next-title" className="card__title">
          {t('track.next.title')}
        </h2>
        <p>{tc(`aid.citizenStages.${stage}.next`)}</p>
        {stage === 'awaitingMaterials' && (
          <>
            <p>{t('aid.track.missing')}</p>
            <ol className="plain-list plain-list--big" data-testid="aid-missing">
              {aid.missingMaterials.map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ol>
            {upload}
          </>
        )}
      </section>
      <AidObjection trackingNo={view.trackingNo} phone={phone} aid={aid} onFiled={onChanged} />
    </>
  );
}

type DeadlineKind = 'firstReview' | 'decision' | 'assignment' | 'materials';

/** The one date the applicant waits for, or must meet, at this stage (the server sends only the current one). */
function deadlineOf(aid: CitizenAidStatus): { kind: DeadlineKind; at: string } | null {
  if (aid.materialsDueAt) return { kind: 'materials', at: aid.materialsDueAt };
  if (aid.firstReviewDueAt) return { kind: 'firstReview', at: aid.firstReviewDueAt };
  if (aid.decisionDueAt) return { kind: 'decision', at: aid.decisionDueAt };
  if (aid.assignmentDueAt) return { kind: 'assignment', at: aid.assignmentDueAt };
  return null;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="details__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
