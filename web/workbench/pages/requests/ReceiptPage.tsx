import { useLayoutEffect, useRef, useState } from 'react';
import { Alert, Button, Segmented, Space, Spin } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../../../shared/api/client.js';
import type { Receipt } from '../../../shared/api/types.js';
import { dayOf, formatDateTime } from '../../../shared/format.js';
import { useApiData } from '../../../shared/hooks/useApiData.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';

type Format = 'a4' | 'slip';

const MM = 96 / 25.4;

/** The QR code as an image: the server's SVG in a data URL (no inline script or markup injected). */
function QrImage({ svg, size }: { svg: string; size: string }) {
  const { t } = useTranslation('workbench');
  return (
    <img
      className="receipt__qr"
      src={`data:image/svg+xml;utf8,${encodeURIComponent(svg)}`}
      alt={t('receipt.qrAlt')}
      style={{ width: size, height: size }}
      data-testid="receipt-qr"
    />
  );
}

/** The page rule for the chosen paper: A4 with margins, or an 80 mm roll cut to the slip's own length. */
function PageRule({ format, slipHeightMm }: { format: Format; slipHeightMm: number }) {
  const rule = format === 'a4' ? '@page { size: A4 portrait; margin: 14mm 16mm; }' : `@page { size: 80mm ${slipHeightMm}mm; margin: 0; }`;
  return <style>{rule}</style>;
}

/** 受理回执, printable on A4 or on an 80 mm receipt printer. */
export function ReceiptPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('workbench');
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const format: Format = params.get('format') === 'slip' ? 'slip' : 'a4';
  const receipt = useApiData((signal) => api.get<Receipt>(`/requests/${id}/receipt`, undefined, signal), [id]);
  const paper = useRef<HTMLDivElement>(null);
  const [slipHeightMm, setSlipHeightMm] = useState(200);

  useLayoutEffect(() => {
    if (format === 'slip' && paper.current) setSlipHeightMm(Math.ceil(paper.current.offsetHeight / MM) + 2);
  }, [format, receipt.data]);

  const r = receipt.data;
  const lang = i18n.language;
  const trackPage = r ? r.trackUrl.replace(/\?.*$/, '') : '';
  const limit =
    r && (r.timeLimit.days === 0 ? t('requests.timeLimitSameDay') : t(`receipt.limit.${r.timeLimit.unit}`, { days: r.timeLimit.days }));
  const dueText = r?.lastDay ? t('receipt.dueValue', { day: r.lastDay, limit }) : t('receipt.duePaused', { limit });

  return (
    <div className={`receipt-page receipt-page--${format}`} data-testid="receipt-page">
      <PageRule format={format} slipHeightMm={slipHeightMm} />
      <div className="receipt-toolbar">
        <Space wrap>
          <Link to={`/requests/${id}`}>
            <Button icon={<ArrowLeftOutlined />}>{t('receipt.back')}</Button>
          </Link>
          <Segmented<Format>
            value={format}
            onChange={(value) => setParams({ format: value }, { replace: true })}
            options={[
              { value: 'a4', label: <span data-testid="receipt-format-a4">{t('receipt.a4')}</span> },
              { value: 'slip', label: <span data-testid="receipt-format-slip">{t('receipt.slip')}</span> },
            ]}
          />
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!r} data-testid="receipt-print">
            {t('receipt.print')}
          </Button>
        </Space>
      </div>
      {receipt.error !== undefined && <Alert type="error" showIcon title={errorText(receipt.error)} style={{ margin: 24 }} />}
      {!r && receipt.loading && <Spin size="large" className="page-spin" />}
      {r && format === 'a4' && (
        <div className="receipt receipt--a4" ref={paper} data-testid="receipt">
          <header className="receipt__head">
            <div className="receipt__site">{r.receivedSiteName}</div>
            <h1 className="receipt__title">{t('receipt.title')}</h1>
          </header>
          <div className="receipt__number-row">
            <div>
              <div className="receipt__label">{t('receipt.trackingNo')}</div>
              <div className="receipt__number mono" data-testid="receipt-tracking-no">
                {r.trackingNoFormatted}
              </div>
              <p className="receipt__keep">{t('receipt.keep')}</p>
            </div>
            <div className="receipt__qr-box">
              <QrImage svg={r.qrSvg} size="34mm" />
            </div>
          </div>
          <table className="receipt__table">
            <tbody>
              <tr>
                <th>{t('receipt.requester')}</th>
                <td>{r.requesterName}</td>
                <th>{t('receipt.phone')}</th>
                <td className="mono">{r.requesterPhone}</td>
              </tr>
              <tr>
                <th>{t('receipt.serviceItem')}</th>
                <td>{r.serviceItemName}</td>
                <th>{t('receipt.region')}</th>
                <td>{r.regionName}</td>
              </tr>
              <tr>
                <th>{t('receipt.description')}</th>
                <td colSpan={3} className="receipt__description">
                  {r.description}
                </td>
              </tr>
              <tr>
                <th>{t('receipt.site')}</th>
                <td>{r.receivedSiteName}</td>
                <th>{t('receipt.staff')}</th>
                <td>{r.receivedByName || t('table.none')}</td>
              </tr>
              <tr>
                <th>{t('receipt.receivedAt')}</th>
                <td>{formatDateTime(r.receivedAt, lang)}</td>
                <th>{t('receipt.due')}</th>
                <td>
                  <strong>{dueText}</strong>
                </td>
              </tr>
            </tbody>
          </table>
          <p className="receipt__track">{t('receipt.track', { url: trackPage })}</p>
          <ul className="receipt__notes">
            <li>{t('receipt.note1')}</li>
            <li>{t('receipt.note2')}</li>
            <li>{t('receipt.note3')}</li>
          </ul>
          <footer className="receipt__foot">
            <div>
              {t('receipt.signature')}
              <span className="receipt__line" />
            </div>
            <div className="receipt__seal">
              <div>{r.receivedSiteName}</div>
              <div>{t('receipt.seal')}</div>
              <div>{dayOf(r.receivedAt)}</div>
            </div>
          </footer>
        </div>
      )}
      {r && format === 'slip' && (
        <div className="receipt receipt--slip" ref={paper} data-testid="receipt">
          <div className="receipt__site">{r.receivedSiteName}</div>
          <div className="receipt__title">{t('receipt.title')}</div>
          <div className="receipt__rule" />
          <div className="receipt__label">{t('receipt.trackingNo')}</div>
          <div className="receipt__number mono" data-testid="receipt-tracking-no">
            {r.trackingNoFormatted}
          </div>
          <div className="receipt__rule" />
          <dl className="receipt__list">
            <dt>{t('receipt.serviceItem')}</dt>
            <dd>{r.serviceItemName}</dd>
            <dt>{t('receipt.requester')}</dt>
            <dd>
              {r.requesterName} <span className="mono">{r.requesterPhone}</span>
            </dd>
            <dt>{t('receipt.site')}</dt>
            <dd>{r.receivedSiteName}</dd>
            <dt>{t('receipt.staff')}</dt>
            <dd>{r.receivedByName || t('table.none')}</dd>
            <dt>{t('receipt.receivedAt')}</dt>
            <dd>{formatDateTime(r.receivedAt, lang)}</dd>
            <dt>{t('receipt.due')}</dt>
            <dd>
              <strong>{dueText}</strong>
            </dd>
          </dl>
          <div className="receipt__rule" />
          <QrImage svg={r.qrSvg} size="36mm" />
          <p className="receipt__track">{t('receipt.track', { url: trackPage })}</p>
          <p className="receipt__hotline">{t('receipt.hotline')}</p>
        </div>
      )}
    </div>
  );
}
