import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, NetworkError } from '../../shared/api/client.js';
import type { PublicIntake, PublicReceipt, ServiceItem } from '../../shared/api/types.js';
import { lastDayOf } from '../../shared/format.js';
import { useApiData } from '../../shared/hooks/useApiData.js';
import { useErrorText } from '../../shared/hooks/useErrorText.js';
import { formatTrackingNo, isIdNumber, isPhone, normalizePhone } from '../../shared/tracking.js';
import { Field } from '../components/Field.js';
import { DescriptionField, IdNumberField, NameField, PhoneField, TownVillageFields } from '../components/PersonFields.js';
import { DoneReceipt } from '../components/DoneReceipt.js';
import { SubHeader, type ElderModeProps } from '../components/SubHeader.js';
import { TimeLimitText } from '../components/TimeLimitText.js';
import { loadRegionTree, loadServiceItems, townsOf } from '../portalData.js';
import { publicChannel } from '../publicChannel.js';
import { Link, navigate, useLocation } from '../router.js';
import { usePageTitle } from '../usePageTitle.js';

interface Values {
  item: string;
  name: string;
  phone: string;
  town: string;
  village: string;
  description: string;
  idNumber: string;
}

type FieldName = keyof Values;
type Problems = Partial<Record<FieldName, string>>;

/** Legal aid has its own application (/legal-aid): who applies, the family's means, the pledge. */
const LEGAL_AID = 'legalAid';

const ORDER: FieldName[] = ['item', 'name', 'phone', 'town', 'village', 'description', 'idNumber'];

/** The state the tracking page is opened with right after applying: the phone, so that it need not be typed again. */
export interface TrackState {
  phone: string;
}

/** What another page may hand the form through history (智能咨询: the question asked, and where the person lives). */
export interface ApplyPrefill {
  description?: string;
  /** a 9-digit town or 12-digit village code */
  regionCode?: string;
}

function prefilled(state: unknown): Pick<Values, 'description' | 'town' | 'village'> {
  const p = (typeof state === 'object' && state !== null ? state : {}) as ApplyPrefill;
  const region = typeof p.regionCode === 'string' && /^[0-9]{9}([0-9]{3})?$/.test(p.regionCode) ? p.regionCode : '';
  return {
    description: typeof p.description === 'string' ? p.description.slice(0, 5000) : '',
    town: region.slice(0, 9),
    village: region.length === 12 ? region : '',
  };
}

/** 我要申请: a short form in large type for any phone; the answer is the tracking number, shown big. */
export function ApplyPage(mode: ElderModeProps) {
  const { t } = useTranslation('portal');
  const { t: tc } = useTranslation('common');
  const errorText = useErrorText();
  const { query, state } = useLocation();
  const channel = publicChannel();
  const data = useApiData(async () => {
    const [items, tree] = await Promise.all([loadServiceItems(), loadRegionTree()]);
    return { items: items.filter((i) => i.channels.includes(channel)), towns: townsOf(tree) };
  }, [channel]);
  const asked = query.get('item') ?? '';
  const [values, setValues] = useState<Values>(() => ({ item: asked, name: '', phone: '', idNumber: '', ...prefilled(state) }));
  const [problems, setProblems] = useState<Problems>({});
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<PublicReceipt & { phone: string }>();
  const form = useRef<HTMLFormElement>(null);
  usePageTitle(t('nav.apply'));

  // a link to the generic form for legal aid lands on the legal aid application
  useEffect(() => {
    if (asked === LEGAL_AID) navigate('/legal-aid', { replace: true });
  }, [asked]);

  const items = data.data?.items ?? [];
  const item: ServiceItem | undefined = items.find((i) => i.code === values.item);
  const askedOffline = asked !== '' && data.data !== undefined && !items.some((i) => i.code === asked);

  const set = (name: FieldName, value: string) => {
    setValues((v) => ({ ...v, [name]: value, ...(name === 'town' && { village: '' }) }));
    if (problems[name]) setProblems((p) => ({ ...p, [name]: undefined }));
  };

  const check = (v: Values): Problems => {
    const p: Problems = {};
    if (!v.item) p.item = t('apply.errors.item');
    if (!v.name.trim()) p.name = t('apply.errors.name');
    if (!isPhone(v.phone)) p.phone = t('apply.errors.phone');
    if (!v.town) p.town = t('apply.errors.town');
    if (v.description.trim().length < 5) p.description = t('apply.errors.description');
    if (v.idNumber.trim() && !isIdNumber(v.idNumber)) p.idNumber = t('apply.errors.idNumber');
    return p;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (values.item === LEGAL_AID) {
      navigate('/legal-aid');
      return;
    }
    const found = check(values);
    setProblems(found);
    setFailure(undefined);
    const first = ORDER.find((f) => found[f]);
    if (first) {
      form.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    const phone = normalizePhone(values.phone.trim());
    const body: PublicIntake = {
      channel,
      serviceItem: values.item,
      name: values.name.trim(),
      phone,
      regionCode: values.village || values.town,
      description: values.description.trim(),
      ...(values.idNumber.trim() && { idNumber: values.idNumber.trim().toUpperCase() }),
    };
    setBusy(true);
    try {
      const answer = await api.post<PublicReceipt>('/public/requests', body);
      setReceipt({ ...answer, phone });
      window.scrollTo(0, 0);
    } catch (error) {
      if (error instanceof ApiError && error.status === 429) setFailure(t('apply.errors.tooMany'));
      else if (error instanceof ApiError && error.status === 422) setFailure(t('apply.errors.rejected', { message: errorText(error) }));
      else if (error instanceof ApiError && error.status === 400) setFailure(t('apply.errors.invalid'));
      else if (error instanceof NetworkError) setFailure(errorText(error));
      else setFailure(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  if (receipt) {
    const no = formatTrackingNo(receipt.trackingNo);
    const track = `/track?no=${receipt.trackingNo}`;
    return (
      <>
        <SubHeader title={t('nav.apply')} {...mode} />
        <main className="main" id="main">
          <section className="card done" data-testid="apply-done" aria-labelledby="done-title">
            <h2 id="done-title" className="done__title">
              {t('apply.doneTitle')}
            </h2>
            <p className="done__note">{t('apply.noteNumber')}</p>
            <p className="done__number" data-testid="apply-tracking-no" data-tracking-no={receipt.trackingNo}>
              {no}
            </p>
            <p className="done__hint">{t('apply.numberHint')}</p>
            {receipt.dueAt && <p className="done__due">{t('apply.dueAt', { day: lastDayOf(receipt.dueAt) })}</p>}
            <p className="done__hint">{t('apply.smsHint')}</p>
            <a
              href={track}
              className="button button--block"
              onClick={(e) => {
                e.preventDefault();
                navigate(track, { state: { phone: receipt.phone } satisfies TrackState });
              }}
              data-testid="apply-track-link"
            >
              {t('apply.track')}
            </a>
            <button
              type="button"
              className="button button--ghost button--block"
              onClick={() => {
                setReceipt(undefined);
                setValues((v) => ({ ...v, description: '', idNumber: '' }));
              }}
            >
              {t('apply.again')}
            </button>
          </section>
          <DoneReceipt trackingNo={receipt.trackingNo} phone={receipt.phone} />
        </main>
      </>
    );
  }

  return (
    <>
      <SubHeader title={t('nav.apply')} {...mode} />
      <main className="main" id="main">
        <p className="lead">{t('apply.intro')}</p>
        {data.error !== undefined && (
          <div className="status status--error" role="alert">
            <p>{errorText(data.error)}</p>
            <button type="button" className="button" onClick={data.reload}>
              {tc('retry')}
            </button>
          </div>
        )}
        {askedOffline && (
          <p className="notice" role="status">
            {t('apply.offline')}
          </p>
        )}
        <form ref={form} className="card form" onSubmit={(e) => void submit(e)} noValidate data-testid="apply-form">
          <Field id="apply-item" label={t('apply.item')} required problem={problems.item}>
            {(props) => (
              <select {...props} name="item" value={values.item} onChange={(e) => set('item', e.target.value)} data-testid="apply-item">
                <option value="">{data.data ? t('apply.itemPlaceholder') : tc('loading')}</option>
                {items.map((i) => (
                  <option key={i.code} value={i.code}>
                    {i.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {item?.code === LEGAL_AID && (
            <p className="notice" role="status" data-testid="apply-legal-aid">
              {t('aid.elsewhere.apply')}{' '}
              <Link to="/legal-aid" className="button button--small">
                {t('aid.elsewhere.applyLink')}
              </Link>
            </p>
          )}
          {item && item.code !== LEGAL_AID && (
            <div className="form__guide" data-testid="apply-guide">
              <p>{item.summary}</p>
              {item.guide.materials.length > 0 && <p>{t('apply.bring', { materials: item.guide.materials.join('、') })}</p>}
              <p>
                <TimeLimitText policy={item.timeLimit} /> · {item.guide.fees}{' '}
                <Link to={`/guide?item=${item.code}`}>{t('apply.readGuide')}</Link>
              </p>
            </div>
          )}
          <NameField
            id="apply-name"
            label={t('apply.name')}
            required
            problem={problems.name}
            value={values.name}
            onChange={(v) => set('name', v)}
          />
          <PhoneField
            id="apply-phone"
            label={t('apply.phone')}
            hint={t('apply.phoneHint')}
            required
            problem={problems.phone}
            value={values.phone}
            onChange={(v) => set('phone', v)}
          />
          <TownVillageFields
            idPrefix="apply"
            texts="apply"
            towns={data.data?.towns}
            town={values.town}
            village={values.village}
            onChange={set}
            problems={problems}
          />
          <DescriptionField
            id="apply-description"
            label={t('apply.description')}
            placeholder={t('apply.descriptionPlaceholder')}
            required
            problem={problems.description}
            value={values.description}
            onChange={(v) => set('description', v)}
          />
          <IdNumberField
            id="apply-id-number"
            label={t('apply.idNumber')}
            hint={t('apply.idNumberHint')}
            problem={problems.idNumber}
            value={values.idNumber}
            onChange={(v) => set('idNumber', v)}
          />
          {failure && (
            <p className="form__failure" role="alert" data-testid="apply-error">
              {failure}
            </p>
          )}
          <button type="submit" className="button button--big button--block" disabled={busy} data-testid="apply-submit">
            {busy ? t('apply.submitting') : t('apply.submit')}
          </button>
          <p className="form__privacy">{t('apply.privacy')}</p>
        </form>
      </main>
    </>
  );
}
