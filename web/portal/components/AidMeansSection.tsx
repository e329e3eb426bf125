import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  EXEMPTIONS,
  NO_MEANS_TEST,
  type AidApplication,
  type AidStandardForForm,
  type Exemption,
  type MatterCategory,
  type NoMeansTestGround,
} from '../../shared/api/legalaid-public.js';
import { AidChoices } from './AidChoices.js';
import type { MeansRoute } from './AidMaterialsList.js';
import type { Problems } from './AidApplicationForm.js';

interface Member {
  key: number;
  relation: string;
  name: string;
  income: string;
}

export interface MeansValues {
  route: MeansRoute;
  noMeansTest: NoMeansTestGround | '';
  exemption: Exemption | '';
  ownIncome: string;
  members: Member[];
  pledge: boolean;
}

export const NO_MEANS: MeansValues = { route: 'income', noMeansTest: '', exemption: '', ownIncome: '', members: [], pledge: false };

const ROUTES: readonly MeansRoute[] = ['income', 'noMeansTest', 'exemption'];

/** Yuan as people type them: full-width digits, thousands commas and two decimals are fine; null when it is not an amount. */
export function yuan(input: string): number | null {
  const s = input
    .trim()
    .replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[,，\s]/g, '');
  if (!/^[0-9]+(\.[0-9]{1,2})?$/.test(s)) return null;
  const n = Number(s);
  return n <= 10_000_000 ? n : null;
}

const filled = (m: Member) => Boolean(m.relation.trim() || m.name.trim() || m.income.trim());

/** What is wrong with the means part: every amount when the income is checked, otherwise only what was begun. */
export function checkMeans(v: MeansValues, matter: MatterCategory | '', t: TFunction<'portal'>): Problems {
  const p: Problems = {};
  const incomeRoute = v.route === 'income';
  if (v.route === 'noMeansTest' && !v.noMeansTest) p.noMeansTest = t('aid.errors.noMeansTest');
  if (v.route === 'exemption') {
    if (!v.exemption) p.exemption = t('aid.errors.exemption');
    else if (v.exemption === 'migrantWorker' && matter && matter !== 'labourRemuneration' && matter !== 'workInjury')
      p.exemption = t('aid.errors.migrantWorker');
  }
  if ((incomeRoute || v.ownIncome.trim()) && yuan(v.ownIncome) === null) p.ownIncome = t('aid.errors.income');
  v.members.forEach((m, i) => {
    if (!incomeRoute && !filled(m)) return;
    if (!m.relation.trim()) p[`members.${i}.relation`] = t('aid.errors.relation');
    if (!m.name.trim()) p[`members.${i}.name`] = t('aid.errors.memberName');
    if (yuan(m.income) === null) p[`members.${i}.income`] = t('aid.errors.income');
  });
  return p;
}

/** The means part of the application body (checked first with checkMeans). */
export function meansOf(v: MeansValues): Pick<AidApplication, 'familyMembers' | 'monthlyIncome' | 'noMeansTest' | 'exemption' | 'pledge'> {
  return {
    familyMembers: v.members
      .filter((m) => v.route === 'income' || filled(m))
      .map((m) => ({ relation: m.relation.trim(), name: m.name.trim(), monthlyIncome: yuan(m.income) ?? 0 })),
    // tested means need an amount (empty is 0); with a ground or an exemption an empty one is unknown: null
    monthlyIncome: v.route === 'income' ? (yuan(v.ownIncome) ?? 0) : yuan(v.ownIncome),
    ...(v.route === 'noMeansTest' && v.noMeansTest && { noMeansTest: v.noMeansTest }),
    ...(v.route === 'exemption' && v.exemption && { exemption: v.exemption }),
    pledge: v.pledge,
  };
}

interface Props {
  values: MeansValues;
  problems: Problems;
  /** a change, and the fields whose problems it clears */
  onChange: (patch: Partial<MeansValues>, cleared: string[]) => void;
  /** the standard in force for the chosen town (GET /public/legal-aid/standard); null when none is known */
  standard?: AidStandardForForm | null;
}

/** 家庭经济情况: the standard in plain words; income and family members, or a situation of art. 32, or a group of art. 42. */
export function AidMeansSection({ values, problems, onChange, standard = null }: Props) {
  const { t } = useTranslation('portal');
  const required = t('form.required');
  const incomeRoute = values.route === 'income';
  const members = values.members;

  const setMember = (i: number, field: 'relation' | 'name' | 'income', value: string) =>
    onChange({ members: members.map((m, j) => (j === i ? { ...m, [field]: value } : m)) }, [`members.${i}.${field}`]);
  const add = () =>
    onChange(
      { members: [...members, { key: members.reduce((k, m) => Math.max(k, m.key), 0) + 1, relation: '', name: '', income: '' }] },
      [],
    );
  const remove = (i: number) =>
    onChange(
      { members: members.filter((_, j) => j !== i) },
      // the rows after it move up: their problems are checked again on the next submit
      members.flatMap((_, j) => (j >= i ? [`members.${j}.relation`, `members.${j}.name`, `members.${j}.income`] : [])),
    );

  const own = yuan(values.ownIncome);
  const incomes = members.map((m) => yuan(m.income));
  const total = own === null || incomes.some((n) => n === null) ? null : incomes.reduce<number>((s, n) => s + (n ?? 0), own);
  const size = members.length + 1;

  return (
    <>
      <p className="aid-standard">{t('aid.money.standard')}</p>
      {standard && (
        <p className="aid-standard aid-standard--amount" data-testid="aid-standard-amount" data-threshold={standard.threshold}>
          <strong>{t('aid.money.localStandard', { n: round(standard.threshold) })}</strong>
        </p>
      )}
      <AidChoices
        name="route"
        legend={t('aid.money.route')}
        options={ROUTES.map((r) => ({ value: r, label: t(`aid.money.routes.${r}`) }))}
        value={values.route}
        onChange={(route) => onChange({ route }, ['noMeansTest', 'exemption', 'ownIncome'])}
        required
        requiredText={required}
        testId="aid-route"
      />
      {values.route === 'noMeansTest' && (
        <AidChoices
          name="noMeansTest"
          legend={t('aid.money.noMeansTest')}
          options={NO_MEANS_TEST.map((g) => ({ value: g, label: t(`aid.money.noMeansTestGrounds.${g}`) }))}
          value={values.noMeansTest}
          onChange={(noMeansTest) => onChange({ noMeansTest }, ['noMeansTest'])}
          required
          requiredText={required}
          problem={problems.noMeansTest}
          testId="aid-no-means-test"
        />
      )}
      {values.route === 'exemption' && (
        <>
          <AidChoices
            name="exemption"
            legend={t('aid.money.exemption')}
            options={EXEMPTIONS.map((g) => ({ value: g, label: t(`aid.money.exemptions.${g}`) }))}
            value={values.exemption}
            onChange={(exemption) => onChange({ exemption }, ['exemption'])}
            required
            requiredText={required}
            problem={problems.exemption}
            testId="aid-exemption"
          />
          <p className="notice">{t('aid.money.proofLater')}</p>
        </>
      )}
      {!incomeRoute && <p className="muted">{t('aid.money.incomeOptional')}</p>}
      <div className={`field${problems.ownIncome ? ' field--invalid' : ''}`}>
        <label htmlFor="aid-own-income" className="field__label">
          {t('aid.money.ownIncome')}
          {incomeRoute && <span className="field__required">{required}</span>}
        </label>
        <input
          id="aid-own-income"
          name="ownIncome"
          className="field__control aid-money"
          inputMode="decimal"
          autoComplete="off"
          maxLength={12}
          aria-invalid={Boolean(problems.ownIncome)}
          aria-describedby={`aid-own-income-hint${problems.ownIncome ? ' aid-own-income-problem' : ''}`}
          value={values.ownIncome}
          onChange={(e) => onChange({ ownIncome: e.target.value }, ['ownIncome'])}
          data-testid="aid-own-income"
        />
        <p id="aid-own-income-hint" className="field__hint">
          {t('aid.money.ownIncomeHint')}
        </p>
        {problems.ownIncome && (
          <p id="aid-own-income-problem" className="field__problem" role="alert">
            {problems.ownIncome}
          </p>
        )}
      </div>
      <h3 className="aid-members__title">{t('aid.money.members')}</h3>
      <p className="field__hint">{t('aid.money.membersHint')}</p>
      {members.map((m, i) => (
        <fieldset key={m.key} className="aid-member" data-testid="aid-member">
          <legend className="aid-member__title">{t('aid.money.memberTitle', { n: i + 1 })}</legend>
          <MemberInput
            i={i}
            field="relation"
            label={t('aid.money.relation')}
            value={m.relation}
            problem={problems[`members.${i}.relation`]}
            placeholder={t('aid.money.relationPlaceholder')}
            maxLength={20}
            onChange={setMember}
          />
          <MemberInput
            i={i}
            field="name"
            label={t('aid.money.memberName')}
            value={m.name}
            problem={problems[`members.${i}.name`]}
            maxLength={40}
            onChange={setMember}
          />
          <MemberInput
            i={i}
            field="income"
            label={t('aid.money.memberIncome')}
            value={m.income}
            problem={problems[`members.${i}.income`]}
            maxLength={12}
            inputMode="decimal"
            onChange={setMember}
          />
          <button
            type="button"
            className="button button--ghost button--small aid-member__remove"
            onClick={() => remove(i)}
            data-testid="aid-remove-member"
          >
            {t('aid.money.removeMember')}
          </button>
        </fieldset>
      ))}
      <button type="button" className="button button--ghost button--block" onClick={add} data-testid="aid-add-member">
        {t('aid.money.addMember')}
      </button>
      {total !== null && (incomeRoute || values.ownIncome.trim()) && (
        <p className="aid-summary" role="status" data-testid="aid-summary">
          {t('aid.money.summary', { size, total: round(total), perCapita: round(total / size) })}
        </p>
      )}
    </>
  );
}

const round = (n: number) => String(Math.round(n * 100) / 100);

interface MemberInputProps {
  i: number;
  field: 'relation' | 'name' | 'income';
  label: string;
  value: string;
  problem: string | undefined;
  placeholder?: string;
  maxLength: number;
  inputMode?: 'decimal';
  onChange: (i: number, field: 'relation' | 'name' | 'income', value: string) => void;
}

function MemberInput({ i, field, label, value, problem, placeholder, maxLength, inputMode, onChange }: MemberInputProps) {
  const id = `aid-member-${i}-${field}`;
  return (
    <div className={`field${problem ? ' field--invalid' : ''}`}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <input
        id={id}
        name={`members.${i}.${field}`}
        className="field__control"
        autoComplete="off"
        maxLength={maxLength}
        inputMode={inputMode}
        placeholder={placeholder}
        aria-invalid={Boolean(problem)}
        aria-describedby={problem ? `${id}-problem` : undefined}
        value={value}
        onChange={(e) => onChange(i, field, e.target.value)}
        data-testid={`aid-member-${field}`}
      />
      {problem && (
        <p id={`${id}-problem`} className="field__problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
