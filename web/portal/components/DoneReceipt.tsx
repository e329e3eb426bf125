import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shared/api/client.js';
import type { CitizenReceipt, TextSent } from '../../shared/api/types.js';
import { formatDateTime } from '../../shared/format.js';
import { useErrorText } from '../../shared/hooks/useErrorText.js';

/** Only a mobile can take a text; a landline's owner keeps the number from this page. */
const MOBILE = /^1[3-9][0-9]{9}$/;

type Sending = { state: 'idle' | 'busy' } | { state: 'sent'; to: string } | { state: 'failed'; message: string };

/**
 * Under the tracking number, right after applying: the receipt (受理回执) with the tracking page's QR code, to
 * screenshot or scan later, and "send me this number by text". Both use the number and phone just given.
 */
export function DoneReceipt({ trackingNo, phone }: { trackingNo: string; phone: string }) {
  const { t, i18n } = useTranslation('portal');
  const errorText = useErrorText();
  const [receipt, setReceipt] = useState<CitizenReceipt>();
  const [loadFailed, setLoadFailed] = useState(false);
  const [sending, setSending] = useState<Sending>({ state: 'idle' });

  useEffect(() => {
    let live = true;
    api
      .get<CitizenReceipt>(`/public/requests/${encodeURIComponent(trackingNo)}/receipt`, { phone })
      .then((r) => live && setReceipt(r))
      .catch(() => live && setLoadFailed(true));
    return () => {
      live = false;
    };
  }, [trackingNo, phone]);

  const send = async () => {
    setSending({ state: 'busy' });
    try {
      const sent = await api.post<TextSent>(`/public/requests/${encodeURIComponent(trackingNo)}/resend`, { phone });
      setSending({ state: 'sent', to: sent.sentTo });
    } catch (error) {
      setSending({
        state: 'failed',
        message: error instanceof ApiError && error.status === 429 ? t('receipt.tooMany') : errorText(error),
      });
    }
  };

  return (
    <section className="card receipt" aria-labelledby="receipt-title" data-testid="done-receipt">
      <h2 id="receipt-title" className="card__title">
        {t('receipt.title')}
      </h2>
      {receipt ? (
        <div className="receipt__body">
          <img
            className="receipt__qr"
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(receipt.qrSvg)}`}
            width={144}
            height={144}
            alt={t('receipt.qrAlt', { no: receipt.trackingNoFormatted })}
            data-testid="receipt-qr"
          />
          <dl className="details receipt__details">
            <div className="details__row">
              <dt>{t('receipt.item')}</dt>
              <dd>{receipt.serviceItemName}</dd>
            </div>
            {receipt.handlerSiteName && (
              <div className="details__row">
                <dt>{t('receipt.site')}</dt>
                <dd>{receipt.handlerSiteName}</dd>
              </div>
            )}
            <div className="details__row">
              <dt>{t('receipt.received')}</dt>
              <dd>{formatDateTime(receipt.receivedAt, i18n.language)}</dd>
            </div>
            {receipt.lastDay && (
              <div className="details__row">
                <dt>{t('receipt.lastDay')}</dt>
                <dd>{receipt.lastDay}</dd>
              </div>
            )}
          </dl>
          <p className="receipt__hint">{t('receipt.qrHint')}</p>
        </div>
      ) : loadFailed ? (
        <p className="details__muted">{t('receipt.loadFailed')}</p>
      ) : (
        <p className="details__muted">{t('receipt.loading')}</p>
      )}
      {MOBILE.test(phone) && (
        <>
          <button
            type="button"
            className="button button--ghost button--block"
            onClick={() => void send()}
            disabled={sending.state === 'busy' || sending.state === 'sent'}
            data-testid="receipt-send-sms"
          >
            {sending.state === 'busy' ? t('receipt.sending') : t('receipt.sendSms')}
          </button>
          <p className="receipt__status" role="status" aria-live="polite">
            {sending.state === 'sent' && (
              <span className="receipt__sent" data-testid="receipt-sms-sent">
                {t('receipt.sent', { phone: sending.to })}
              </span>
            )}
            {sending.state === 'failed' && (
              <span className="receipt__failed" data-testid="receipt-sms-failed">
                {sending.message}
              </span>
            )}
          </p>
        </>
      )}
    </section>
  );
}
