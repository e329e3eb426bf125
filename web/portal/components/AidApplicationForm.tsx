import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shared/api/client.js';
import {
  AID_FORMS,
  APPLICANT_KINDS,
  MATTER_CATEGORIES,
  type AidApplication,
  type AidForm,
  type AidStandardForForm,
  type ApplicantKind,
  type MatterCategory,
} from '../../shared/api/legalaid-public.js';
import type { PublicReceipt } from '../../shared/api/types.js';
import { today } from '../../shared/format.js';
import { useApiData } from '../../shared/hooks/useApiData.js';
import { useErrorText } from '../../shared/hooks/useErrorText.js';
import { isIdNumber, isPhone, normalizePhone } from '../../shared/tracking.js';
import { loadRegionTree, townsOf } from '../portalData.js';
import { publicChannel } from '../publicChannel.js';
import { AidChoices } from './AidChoices.js';
import { AidDone } from './AidDone.js';
import { AidMaterialsList } from './AidMaterialsList.js';
import { AidMeansSection, checkMeans, meansOf, NO_MEANS, type MeansValues } from './AidMeansSection.js';
import { Field } from './Field.js';
import { DescriptionField, IdNumberField, NameField, PhoneField, TownVillageFields } from './PersonFields.js';

interface Values extends MeansValues {
  applicantKind: ApplicantKind | '';
  proxyName: string;
  proxyRelation: string;
  proxyPhone: string;
  name: string;
  phone: string;
  idNumber: string;
  town: string;
  village: string;
  address: string;
  matterCategory: MatterCategory | '';
  aidForm: AidForm;
  /** the help asked for follows the matter until the applicant picks one */
  aidFormChosen: boolean;
  opposingParty: string;
  description: string;
  limitation: string;
  hasAgent: '' | 'no' | 'yes';
}

/** Problems by field name (`members.0.name` for a family member's). */
export type Problems = Record<string, string | undefined>;

const START: Values = {
  applicantKind: '',
  proxyName: '',
  proxyRelation: '',
  proxyPhone: '',
  name: '',
  phone: '',
  idNumber: '',
  town: '',
  village: '',
  address: '',
  matterCategory: '',
  aidForm: 'litigationAgency',
  aidFormChosen: false,
  opposingParty: '',
  description: '',
  limitation: '',
  hasAgent: '',
  ...NO_MEANS,
};

/** The help most applicants of a matter need: arbitration for wages and work injuries, a defence in a criminal case. */
function usualForm(matter: MatterCategory | ''): AidForm {
  if (matter === 'labourRemuneration' || matter === 'workInjury') return 'labourArbitration';
  if (matter === 'criminalDefence' || matter === 'criminalVictim') return 'criminalDefence';
  return 'litigationAgency';
}

const DAY = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Days from today to a deadline (negative when it has passed), or null for no valid date. */
function daysUntil(day: string): number | null {
  if (!DAY.test(day) || Number.isNaN(Date.parse(day))) return null;
  return Math.round((Date.parse(day) - Date.parse(today())) / DAY_MS);
}

/** The server's field paths (`body/proxy/phone`, `body/familyMembers/0/name`) as this form's field names. */
function fieldOf(path: string): string {
  const p = path.replace(/^body\/?/, '');
  const member = /^familyMembers\/([0-9]+)\/(relation|name|monthlyIncome)/.exec(p);
  if (member) return `members.${member[1]}.${member[2] === 'monthlyIncome' ? 'income' : member[2]}`;
  const proxy = /^proxy\/(name|relation|phone)/.exec(p);
  if (proxy) return `proxy${(proxy[1] ?? '').charAt(0).toUpperCase()}${(proxy[1] ?? '').slice(1)}`;
  const named: Record<string, string> = {
    regionCode: 'town',
    monthlyIncome: 'ownIncome',
    limitationExpiresOn: 'limitation',
    noMeansTest: 'noMeansTest',
    exemption: 'exemption',
  };
  const top = p.split('/')[0] ?? '';
  return named[top] ?? top;
}

/** 申请法律援助: who applies, for whom, about what, the family's means, the pledge; then the tracking number. */
export function AidApplicationForm() {
  const { t } = useTranslation('portal');
  const { t: tc } = useTranslation('common');
  const errorText = useErrorText();
  const channel = publicChannel();
  const towns = useApiData(async () => townsOf(await loadRegionTree()), []);
  const [values, setValues] = useState<Values>(START);
  // the standard in force for the town chosen (or the county): the amount in plain words, and whether a pledge is taken
  const standardRegion = values.town || (towns.data?.[0]?.code.slice(0, 6) ?? '');
  const standard = useApiData(
    async (signal) =>
      standardRegion
        ? api.get<AidStandardForForm>('/public/legal-aid/standard', { regionCode: standardRegion }, signal).catch(() => null)
        : null,
    [standardRegion],
  );
  const pledgeAllowed = standard.data?.pledgeAllowed !== false;
  const [problems, setProblems] = useState<Problems>({});
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<PublicReceipt & { phone: string }>();
  const form = useRef<HTMLFormElement>(null);

  const proxy = values.applicantKind !== '' && values.applicantKind !== 'self';
  const days = daysUntil(values.limitation);

  const set = <K extends keyof Values>(name: K, value: Values[K]) => {
    setValues((v) => ({
      ...v,
      [name]: value,
      ...(name === 'town' && { village: '' }),
      ...(name === 'matterCategory' && !v.aidFormChosen && { aidForm: usualForm(value as MatterCategory) }),
      ...(name === 'aidForm' && { aidFormChosen: true }),
    }));
    if (problems[name]) setProblems((p) => ({ ...p, [name]: undefined }));
  };
  const setMeans = (patch: Partial<MeansValues>, cleared: string[]) => {
    setValues((v) => ({ ...v, ...patch }));
    if (cleared.some((f) => problems[f])) setProblems((p) => ({ ...p, ...Object.fromEntries(cleared.map((f) => [f, undefined])) }));
  };

  const check = (v: Values): Problems => {
    const p: Problems = {};
    if (!v.applicantKind) p.applicantKind = t('aid.errors.applicantKind');
    if (proxy) {
      if (!v.proxyName.trim()) p.proxyName = t('aid.errors.proxyName');
      if (!v.proxyRelation.trim()) p.proxyRelation = t('aid.errors.proxyRelation');
      if (!isPhone(v.proxyPhone)) p.proxyPhone = t('aid.errors.proxyPhone');
    }
    if (!v.name.trim()) p.name = t('aid.errors.name');
    if (!isPhone(v.phone)) p.phone = t('aid.errors.phone');
    if (v.idNumber.trim() && !isIdNumber(v.idNumber)) p.idNumber = t('aid.errors.idNumber');
    if (!v.town) p.town = t('aid.errors.town');
    if (!v.matterCategory) p.matterCategory = t('aid.errors.matterCategory');
    if (v.description.trim().length < 5) p.description = t('aid.errors.description');
    if (v.limitation && daysUntil(v.limitation) === null) p.limitation = t('aid.errors.limitation');
    if (!v.hasAgent) p.hasAgent = t('aid.errors.hasAgent');
    return { ...p, ...checkMeans(v, v.matterCategory, t) };
  };

  const focusFirst = (found: Problems) => {
    const first = Object.keys(found).find((f) => found[f]);
    if (!first) return;
    // the fields in the order of the page: the first one marked is the first in the document
    const marked = [...(form.current?.querySelectorAll<HTMLElement>('[name]') ?? [])].find((el) => found[el.getAttribute('name') ?? '']);
    marked?.focus();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = check(values);
    setProblems(found);
    setFailure(undefined);
    if (Object.values(found).some(Boolean)) {
      focusFirst(found);
      return;
    }
    const v = values;
    const phone = normalizePhone(v.phone.trim());
    const body: AidApplication = {
      channel,
      name: v.name.trim(),
      phone,
      regionCode: v.village || v.town,
      description: v.description.trim(),
      applicantKind: v.applicantKind as ApplicantKind,
      matterCategory: v.matterCategory as MatterCategory,
      aidForm: v.aidForm,
      hasAgent: v.hasAgent === 'yes',
      ...meansOf(v),
      pledge: pledgeAllowed && v.pledge,
      ...(v.idNumber.trim() && { idNumber: v.idNumber.trim().toUpperCase() }),
      ...(v.address.trim() && { address: v.address.trim() }),
      ...(v.opposingParty.trim() && { opposingParty: v.opposingParty.trim() }),
      ...(v.limitation && { limitationExpiresOn: v.limitation }),
      ...(proxy && {
        proxy: { name: v.proxyName.trim(), relation: v.proxyRelation.trim(), phone: normalizePhone(v.proxyPhone.trim()) },
      }),
    };
    setBusy(true);
    try {
      const answer = await api.post<PublicReceipt>('/public/legal-aid/applications', body);
      setReceipt({ ...answer, phone });
      window.scrollTo(0, 0);
    } catch (error) {
      const server = serverProblems(error);
      if (server) {
        setProblems(server);
        setFailure(t('aid.errors.summary', { count: Object.keys(server).length }));
        focusFirst(server);
      } else if (error instanceof ApiError && error.status === 429) setFailure(t('aid.errors.tooMany'));
      else setFailure(t('aid.errors.rejected', { message: errorText(error) }));
    } finally {
      setBusy(false);
    }
  };

  /** What the server refused, next to the fields it names (its message in the reader's language where it has one). */
  const serverProblems = (error: unknown): Problems | null => {
    if (!(error instanceof ApiError)) return null;
    if (error.code === 'ID_NUMBER_INVALID') return { idNumber: errorText(error) };
    if (error.code === 'REGION_UNKNOWN') return { town: errorText(error) };
    if (error.code !== 'VALIDATION_FAILED' || !Array.isArray(error.details)) return null;
    const fields = (error.details as { field?: unknown }[]).map((d) => (typeof d.field === 'string' ? fieldOf(d.field) : ''));
    const known = fields.filter((f) => f && f !== 'channel');
    return known.length ? Object.fromEntries(known.map((f) => [f, t('aid.errors.field')])) : null;
  };

  if (receipt) {
    return (
      <AidDone
        trackingNo={receipt.trackingNo}
        phone={receipt.phone}
        materials={<AidMaterialsList applicantKind={values.applicantKind} route={values.route} pledge={pledgeAllowed && values.pledge} />}
        onAgain={() => {
          setReceipt(undefined);
          setValues(START);
        }}
      />
    );
  }

  const required = t('form.required');
  return (
    <>
      <p className="lead">{t('aid.intro')}</p>
      <p className="notice">
        {t('aid.hotlineHint')}{' '}
        <a href="tel:12348" className="nowrap">
          12348
        </a>
      </p>
      <form ref={form} className="aid-form" onSubmit={(e) => void submit(e)} noValidate data-testid="aid-form">
        <Step n={1} title={t('aid.steps.who')}>
          <AidChoices
            name="applicantKind"
            legend={t('aid.who.label')}
            options={APPLICANT_KINDS.map((k) => ({ value: k, label: t(`aid.who.kinds.${k}`) }))}
            value={values.applicantKind}
            onChange={(k) => set('applicantKind', k)}
            required
            requiredText={required}
            problem={problems.applicantKind}
            testId="aid-kind"
          />
          {proxy && (
            <div className="aid-proxy">
              <NameField
                id="aid-proxy-name"
                name="proxyName"
                label={t('aid.who.proxyName')}
                required
                problem={problems.proxyName}
                value={values.proxyName}
                onChange={(v) => set('proxyName', v)}
              />
              <Field id="aid-proxy-relation" label={t('aid.who.proxyRelation')} required problem={problems.proxyRelation}>
                {(props) => (
                  <input
                    {...props}
                    name="proxyRelation"
                    maxLength={20}
                    placeholder={t('aid.who.proxyRelationPlaceholder')}
                    value={values.proxyRelation}
                    onChange={(e) => set('proxyRelation', e.target.value)}
                    data-testid="aid-proxy-relation"
                  />
                )}
              </Field>
              <PhoneField
                id="aid-proxy-phone"
                name="proxyPhone"
                label={t('aid.who.proxyPhone')}
                required
                problem={problems.proxyPhone}
                value={values.proxyPhone}
                onChange={(v) => set('proxyPhone', v)}
              />
              <p className="muted">{t('aid.who.proxyHint')}</p>
            </div>
          )}
        </Step>

        <Step n={2} title={t('aid.steps.person')}>
          <NameField
            id="aid-name"
            label={t('aid.person.name')}
            required
            problem={problems.name}
            value={values.name}
            onChange={(v) => set('name', v)}
            autoComplete={proxy ? 'off' : 'name'}
          />
          <PhoneField
            id="aid-phone"
            label={t('aid.person.phone')}
            hint={proxy ? t('aid.person.phoneHintProxy') : t('aid.person.phoneHint')}
            required
            problem={problems.phone}
            value={values.phone}
            onChange={(v) => set('phone', v)}
            autoComplete={proxy ? 'off' : 'tel'}
          />
          <IdNumberField
            id="aid-id-number"
            label={t('aid.person.idNumber')}
            hint={t('aid.person.idNumberHint')}
            problem={problems.idNumber}
            value={values.idNumber}
            onChange={(v) => set('idNumber', v)}
          />
          {towns.error !== undefined && (
            <div className="status status--error" role="alert">
              <p>{errorText(towns.error)}</p>
              <button type="button" className="button" onClick={towns.reload}>
                {tc('retry')}
              </button>
            </div>
          )}
          <TownVillageFields
            idPrefix="aid"
            texts="aid.person"
            towns={towns.data}
            town={values.town}
            village={values.village}
            onChange={set}
            problems={problems}
          />
          <Field id="aid-address" label={t('aid.person.address')} problem={problems.address}>
            {(props) => (
              <input
                {...props}
                name="address"
                autoComplete="off"
                maxLength={200}
                placeholder={t('aid.person.addressPlaceholder')}
                value={values.address}
                onChange={(e) => set('address', e.target.value)}
                data-testid="aid-address"
              />
            )}
          </Field>
        </Step>

        <Step n={3} title={t('aid.steps.matter')}>
          <Field id="aid-matter" label={t('aid.matter.category')} required problem={problems.matterCategory}>
            {(props) => (
              <select
                {...props}
                name="matterCategory"
                value={values.matterCategory}
                onChange={(e) => set('matterCategory', e.target.value as MatterCategory)}
                data-testid="aid-matter"
              >
                <option value="">{t('aid.matter.categoryPlaceholder')}</option>
                {MATTER_CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {t(`aid.matter.categories.${c}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="aid-help" label={t('aid.matter.form')} required problem={problems.aidForm}>
            {(props) => (
              <select
                {...props}
                name="aidForm"
                value={values.aidForm}
                onChange={(e) => set('aidForm', e.target.value as AidForm)}
                data-testid="aid-help"
              >
                {AID_FORMS.map((f) => (
                  <option key={f} value={f}>
                    {t(`aid.matter.forms.${f}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <DescriptionField
            id="aid-description"
            label={t('aid.matter.description')}
            placeholder={t('aid.matter.descriptionPlaceholder')}
            required
            problem={problems.description}
            value={values.description}
            onChange={(v) => set('description', v)}
          />
          <Field
            id="aid-opposing-party"
            label={t('aid.matter.opposingParty')}
            hint={t('aid.matter.opposingPartyHint')}
            problem={problems.opposingParty}
          >
            {(props) => (
              <input
                {...props}
                name="opposingParty"
                autoComplete="off"
                maxLength={100}
                value={values.opposingParty}
                onChange={(e) => set('opposingParty', e.target.value)}
                data-testid="aid-opposing-party"
              />
            )}
          </Field>
          <Field id="aid-limitation" label={t('aid.matter.limitation')} hint={t('aid.matter.limitationHint')} problem={problems.limitation}>
            {(props) => (
              <input
                {...props}
                name="limitation"
                type="date"
                min={today()}
                value={values.limitation}
                onChange={(e) => set('limitation', e.target.value)}
                data-testid="aid-limitation"
              />
            )}
          </Field>
          {days !== null && days >= 0 && days < 7 && (
            <p className="notice aid-urgent" role="status" data-testid="aid-urgent">
              {t('aid.matter.urgent')}
            </p>
          )}
          <AidChoices
            name="hasAgent"
            legend={t('aid.matter.hasAgent')}
            options={[
              { value: 'no', label: t('aid.matter.hasAgentNo') },
              { value: 'yes', label: t('aid.matter.hasAgentYes') },
            ]}
            value={values.hasAgent}
            onChange={(v) => set('hasAgent', v)}
            required
            requiredText={required}
            problem={problems.hasAgent}
            testId="aid-has-agent"
          />
          {values.hasAgent === 'yes' && (
            <p className="notice" role="status">
              {t('aid.matter.hasAgentNote')}
            </p>
          )}
        </Step>

        <Step n={4} title={t('aid.steps.money')}>
          <AidMeansSection values={values} problems={problems} onChange={setMeans} standard={standard.data ?? null} />
        </Step>

        {pledgeAllowed && (
          <Step n={5} title={t('aid.steps.pledge')}>
            <p className="aid-pledge__text">{t('aid.pledge.text')}</p>
            <label className={`aid-check${values.pledge ? ' aid-check--on' : ''}`} data-testid="aid-pledge">
              <input type="checkbox" name="pledge" checked={values.pledge} onChange={(e) => set('pledge', e.target.checked)} />
              <span>{t('aid.pledge.label')}</span>
            </label>
            <p className="field__hint">{t('aid.pledge.hint')}</p>
          </Step>
        )}

        <Step n={pledgeAllowed ? 6 : 5} title={t('aid.steps.materials')}>
          <p>{t('aid.materials.intro')}</p>
          <AidMaterialsList applicantKind={values.applicantKind} route={values.route} pledge={pledgeAllowed && values.pledge} />
        </Step>

        <div className="aid-submit">
          {failure && (
            <p className="form__failure" role="alert" data-testid="aid-error">
              {failure}
            </p>
          )}
          <button type="submit" className="button button--big button--block" disabled={busy} data-testid="aid-submit">
            {busy ? t('aid.submitting') : t('aid.submit')}
          </button>
          <p className="form__privacy">{t('aid.privacy')}</p>
        </div>
      </form>
    </>
  );
}

function Step({ n, title, children }: { n: number; title: string; children: ReactNode }) {
  const { t } = useTranslation('portal');
  return (
    <section className="card form aid-step" aria-labelledby={`aid-step-${n}`}>
      <h2 id={`aid-step-${n}`} className="aid-step__title">
        <span className="aid-step__no">{t('aid.step', { n })}</span>
        {title}
      </h2>
      {children}
    </section>
  );
}
