import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTrackingNo, maskPhone } from '../../shared/tracking.js';
import type { TrackState } from '../pages/ApplyPage.js';
import { navigate } from '../router.js';
import { DoneReceipt } from './DoneReceipt.js';

interface Props {
  trackingNo: string;
  phone: string;
  materials: ReactNode;
  onAgain: () => void;
}

const NEXT = ['firstReview', 'decision', 'assignment', 'refusal'] as const;

/** After applying: the tracking number, big; what happens next; what to bring; the way to the tracking page. */
export function AidDone({ trackingNo, phone, materials, onAgain }: Props) {
  const { t } = useTranslation('portal');
  const track = `/track?no=${trackingNo}`;
  return (
    <>
      <section className="card done" data-testid="aid-done" aria-labelledby="aid-done-title">
        <h2 id="aid-done-title" className="done__title">
          {t('aid.done.title')}
        </h2>
        <p className="done__note">{t('aid.done.noteNumber')}</p>
        <p className="done__number" data-testid="aid-tracking-no" data-tracking-no={trackingNo}>
          {formatTrackingNo(trackingNo)}
        </p>
        <p className="done__hint">{t('aid.done.numberHint', { phone: maskPhone(phone) })}</p>
        <p className="done__hint">{t('aid.done.sms')}</p>
        <a
          href={track}
          className="button button--big button--block"
          onClick={(e) => {
            e.preventDefault();
            // the phone rides in history, never in the address
            navigate(track, { state: { phone } satisfies TrackState });
          }}
          data-testid="aid-track-link"
        >
          {t('aid.done.track')}
        </a>
      </section>
      <DoneReceipt trackingNo={trackingNo} phone={phone} />
      <section className="card" aria-labelledby="aid-next-title">
        <h2 id="aid-next-title" className="card__title">
          {t('aid.done.nextTitle')}
        </h2>
        <ol className="aid-next-steps">
          {NEXT.map((step) => (
            <li key={step}>{t(`aid.done.next.${step}`)}</li>
          ))}
        </ol>
      </section>
      <section className="card" aria-labelledby="aid-bring-title">
        <h2 id="aid-bring-title" className="card__title">
          {t('aid.done.bringTitle')}
        </h2>
        {materials}
      </section>
      <button type="button" className="button button--ghost button--block" onClick={onAgain}>
        {t('aid.done.again')}
      </button>
    </>
  );
}
