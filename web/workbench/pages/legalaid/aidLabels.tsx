import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  AID_FORMS,
  APPLICANT_KINDS,
  EARLY_AID_GROUNDS,
  EXEMPTIONS,
  MATTER_CATEGORIES,
  NO_MEANS_TEST,
  PROVIDER_KINDS,
  TERMINATION_GROUNDS,
  type AidStage,
  type DueState,
} from '../../../shared/api/legalaid.js';
import { lastDayOf } from '../../../shared/format.js';

const isIn = <T extends string>(list: readonly T[], v: string | null | undefined): v is T =>
  v !== null && v !== undefined && (list as readonly string[]).includes(v);

/** The law's names of codes (shared with the portal, in the common namespace); an unknown code shows as itself. */
export function useAidLabels() {
  const { t } = useTranslation('common');
  return {
    stage: (s: AidStage) => t(`aid.stages.${s}`),
    matter: (c: string) => (isIn(MATTER_CATEGORIES, c) ? t(`aid.matterCategories.${c}`) : c),
    form: (c: string) => (isIn(AID_FORMS, c) ? t(`aid.aidForms.${c}`) : c),
    noMeansTest: (c: string) => (isIn(NO_MEANS_TEST, c) ? t(`aid.noMeansTest.${c}`) : c),
    exemption: (c: string) => (isIn(EXEMPTIONS, c) ? t(`aid.exemptions.${c}`) : c),
    termination: (c: string) => (isIn(TERMINATION_GROUNDS, c) ? t(`aid.terminationGrounds.${c}`) : c),
    earlyAid: (c: string) => (isIn(EARLY_AID_GROUNDS, c) ? t(`aid.earlyAidGrounds.${c}`) : c),
    applicantKind: (c: string) => (isIn(APPLICANT_KINDS, c) ? t(`aid.applicantKinds.${c}`) : c),
    providerKind: (c: string) => (isIn(PROVIDER_KINDS, c) ? t(`aid.providerKinds.${c}`) : c),
  };
}

export const STAGE_COLORS: Record<AidStage, string> = {
  firstReview: 'gold',
  review: 'processing',
  awaitingMaterials: 'orange',
  granted: 'cyan',
  refused: 'red',
  assigned: 'blue',
  closed: 'green',
  terminated: 'volcano',
  archived: 'success',
  withdrawn: 'default',
};

export function StageTag({ stage }: { stage: AidStage }) {
  const labels = useAidLabels();
  return (
    <Tag color={STAGE_COLORS[stage]} data-testid="aid-stage" data-stage={stage}>
      {labels.stage(stage)}
    </Tag>
  );
}

const DUE_COLORS: Record<DueState, string | undefined> = { normal: undefined, dueSoon: '#d46b08', overdue: '#cf1322' };

/** The last day of a period, orange when due soon and red when overdue, with what the period is for. */
export function AidDue({ dueAt, state, kind }: { dueAt: string | null; state: DueState; kind?: string | undefined }) {
  const { t } = useTranslation('workbench');
  if (!dueAt) return <span>{t('table.none')}</span>;
  return (
    <span style={{ color: DUE_COLORS[state], whiteSpace: 'nowrap' }} data-testid="aid-due" data-due-state={state}>
      {kind && <span style={{ color: '#8c8c8c', marginRight: 4 }}>{kind}</span>}
      <span className="mono">{lastDayOf(dueAt)}</span>
      {state !== 'normal' && (
        <Tag color={state === 'overdue' ? 'error' : 'warning'} style={{ marginLeft: 6 }}>
          {t(`requests.dueStates.${state}`)}
        </Tag>
      )}
    </span>
  );
}

/** 李建国 → 李*国, 王芳 → 王*: lists show who without spelling the whole name out. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** ¥ with two decimals, without trailing .00 */
export const yuan = (n: number | null | undefined) => (n === null || n === undefined ? '' : `${n.toFixed(2).replace(/\.00$/, '')}`);
