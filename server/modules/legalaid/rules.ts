import type { AidStage } from '../../db/schema.js';
import type { Policy } from '../timelimits/rules.js';

/*
 * The Legal Aid Law's rules that need no database: what may be applied for, who needs no means test, who is
 * exempt from the check, what a termination may rest on, and the eligibility verdict with a reason for each
 * criterion. Labels are the law's words (zh-CN); the web shows them through its own locale files by code.
 */

/** 申请事项: art. 31 (civil and administrative matters), art. 24 and 29 (criminal), and others the locality adds. */
export const MATTER_CATEGORIES = {
  stateCompensation: '依法请求国家赔偿',
  socialInsurance: '请求给予社会保险待遇或者社会救助',
  pension: '请求发给抚恤金',
  maintenance: '请求给付赡养费、抚养费、扶养费',
  labourRemuneration: '请求确认劳动关系或者支付劳动报酬',
  capacity: '请求认定公民无民事行为能力或者限制民事行为能力',
  workInjury: '请求工伤事故人身损害赔偿',
  trafficAccident: '请求交通事故人身损害赔偿',
  foodDrugSafety: '请求食品药品安全事故人身损害赔偿',
  medicalAccident: '请求医疗事故人身损害赔偿',
  environment: '请求环境污染、生态破坏损害赔偿',
  criminalDefence: '刑事案件犯罪嫌疑人、被告人申请辩护（第二十四条）',
  criminalVictim: '刑事案件被害人、自诉人及其法定代理人申请代理（第二十九条）',
  other: '法律、法规、规章规定的其他情形',
} as const;
export type MatterCategory = keyof typeof MATTER_CATEGORIES;
export const MATTER_CATEGORY_CODES = Object.keys(MATTER_CATEGORIES) as MatterCategory[];

/** 法律援助服务形式 (art. 22). */
export const AID_FORMS = {
  consultation: '法律咨询',
  documentDrafting: '代拟法律文书',
  criminalDefence: '刑事辩护与代理',
  litigationAgency: '民事、行政、国家赔偿案件诉讼代理及非诉讼代理',
  dutyLawyer: '值班律师法律帮助',
  labourArbitration: '劳动争议调解与仲裁代理',
  other: '其他形式',
} as const;
export type AidForm = keyof typeof AID_FORMS;
export const AID_FORM_CODES = Object.keys(AID_FORMS) as AidForm[];

/** 不受经济困难条件限制 (art. 32). */
export const NO_MEANS_TEST = {
  heroMartyrRelative: '英雄烈士近亲属为维护英雄烈士的人格权益（第三十二条第一项）',
  goodSamaritan: '因见义勇为行为主张相关民事权益（第三十二条第二项）',
  retrialAcquittal: '再审改判无罪请求国家赔偿（第三十二条第三项）',
  abuseVictim: '遭受虐待、遗弃或者家庭暴力的受害人主张相关权益（第三十二条第四项）',
} as const;
export type NoMeansTestGround = keyof typeof NO_MEANS_TEST;
export const NO_MEANS_TEST_CODES = Object.keys(NO_MEANS_TEST) as NoMeansTestGround[];

/** 免予核查经济困难状况, with proof (art. 42). */
export const EXEMPTIONS = {
  noIncomeVulnerable: '无固定生活来源的未成年人、老年人、残疾人等特定群体（第四十二条第一项）',
  assistanceRecipient: '社会救助、司法救助或者优抚对象（第四十二条第二项）',
  migrantWorker: '申请支付劳动报酬或者请求工伤事故人身损害赔偿的进城务工人员（第四十二条第三项）',
} as const;
export type Exemption = keyof typeof EXEMPTIONS;
export const EXEMPTION_CODES = Object.keys(EXEMPTIONS) as Exemption[];

/** 终止法律援助的情形 (art. 48). */
export const TERMINATION_GROUNDS = {
  deception: '受援人以欺骗或者其他不正当手段获得法律援助（第四十八条第一项）',
  concealment: '受援人故意隐瞒与案件有关的重要事实或者提供虚假证据（第四十八条第二项）',
  unlawfulUse: '受援人利用法律援助从事违法活动（第四十八条第三项）',
  meansChanged: '受援人的经济状况发生变化，不再符合法律援助条件（第四十八条第四项）',
  proceedingsEnded: '案件终止审理或者已经被撤销（第四十八条第五项）',
  ownLawyer: '受援人自行委托律师或者其他代理人（第四十八条第六项）',
  recipientRequest: '受援人有正当理由要求终止法律援助（第四十八条第七项）',
  otherStatutory: '法律法规规定的其他情形（第四十八条第八项）',
} as const;
export type TerminationGround = keyof typeof TERMINATION_GROUNDS;
export const TERMINATION_GROUND_CODES = Object.keys(TERMINATION_GROUNDS) as TerminationGround[];

/** 先行提供法律援助 (art. 44). */
export const EARLY_AID_GROUNDS = {
  limitationExpiring: '距法定时效或者期限届满不足七日，需要及时提起诉讼或者申请仲裁、行政复议（第四十四条第一项）',
  urgentPreservation: '需要立即申请财产保全、证据保全或者先予执行（第四十四条第二项）',
  otherStatutory: '法律、法规、规章规定的其他情形（第四十四条第三项）',
} as const;
export type EarlyAidGround = keyof typeof EARLY_AID_GROUNDS;
export const EARLY_AID_GROUND_CODES = Object.keys(EARLY_AID_GROUNDS) as EarlyAidGround[];

export const APPLICANT_KINDS = ['self', 'guardian', 'relativeOfDetained', 'agent'] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];
export const PROVIDER_KINDS = { lawyer: '律师', grassrootsWorker: '基层法律服务工作者', aidStaff: '法律援助机构工作人员' } as const;
export type ProviderKind = keyof typeof PROVIDER_KINDS;

/** The materials every application needs, and those a claim or a status adds (the one-time notice picks from them). */
export const BASE_MATERIALS = ['法律援助申请表', '申请人身份证件', '与所申请法律援助事项有关的案件材料'];

/** What a hardship check compares with: yuan a month per family member, from the standard in force. */
export interface HardshipStandard {
  basis: 'perCapitaIncome' | 'multipleOfBase';
  amount: number;
  baseName: 'minimumLivingStandard' | 'minimumWage' | null;
  multiple: number | null;
  effectiveFrom: string;
  effectiveTo: string | null;
}

export function thresholdOf(standard: HardshipStandard): number {
  return standard.basis === 'perCapitaIncome' ? standard.amount : Math.round(standard.amount * (standard.multiple ?? 1) * 100) / 100;
}

export interface EligibilityFacts {
  matterCategory: MatterCategory;
  hasAgent: boolean;
  familySize: number;
  monthlyFamilyIncome: number | null;
  noMeansTest: NoMeansTestGround | null;
  exemption: Exemption | null;
  exemptionProof: boolean;
  pledge: boolean;
}

export interface Criterion {
  code: 'matter' | 'representation' | 'hardship';
  passed: boolean;
  reason: string;
}

export interface Eligibility {
  passed: boolean;
  criteria: Criterion[];
  /** the threshold applied, when the means were tested */
  threshold: number | null;
  perCapita: number | null;
  checkedAt: string;
}

const yuan = (n: number) => `${n.toFixed(2).replace(/\.00$/, '')}元`;

/**
 * The eligibility verdict with a reason for each criterion. A reviewer may decide otherwise, with a reason of
 * their own (the override is recorded next to this verdict, which is kept as it was).
 */
export function assessEligibility(
  facts: EligibilityFacts,
  standard: HardshipStandard | null,
  pledgeAllowed: boolean,
  at = new Date(),
): Eligibility {
  const criteria: Criterion[] = [];
  criteria.push(
    facts.matterCategory === 'other'
      ? {
          code: 'matter',
          passed: false,
          reason: '所申请事项不在法律援助法第二十四条、第二十九条、第三十一条所列范围内，须依据法规、规章审查',
        }
      : { code: 'matter', passed: true, reason: `属于法律援助事项：${MATTER_CATEGORIES[facts.matterCategory]}` },
  );
  criteria.push(
    facts.hasAgent
      ? { code: 'representation', passed: false, reason: '申请人已委托代理人或辩护人（第二十四条、第三十一条要求“没有委托”）' }
      : { code: 'representation', passed: true, reason: '申请人未委托代理人或辩护人' },
  );

  let threshold: number | null = null;
  let perCapita: number | null = null;
  if (facts.noMeansTest) {
    criteria.push({ code: 'hardship', passed: true, reason: `不受经济困难条件限制：${NO_MEANS_TEST[facts.noMeansTest]}` });
  } else if (facts.exemption) {
    const fits =
      facts.exemption !== 'migrantWorker' || facts.matterCategory === 'labourRemuneration' || facts.matterCategory === 'workInjury';
    if (!fits) {
      criteria.push({
        code: 'hardship',
        passed: false,
        reason: '进城务工人员免予核查仅适用于申请支付劳动报酬或者工伤事故人身损害赔偿（第四十二条第三项）',
      });
    } else if (!facts.exemptionProof) {
      criteria.push({
        code: 'hardship',
        passed: false,
        reason: `申请免予核查经济困难状况，但尚未提供证明材料：${EXEMPTIONS[facts.exemption]}`,
      });
    } else {
      criteria.push({ code: 'hardship', passed: true, reason: `免予核查经济困难状况（已提供证明）：${EXEMPTIONS[facts.exemption]}` });
    }
  } else if (!standard) {
    criteria.push({ code: 'hardship', passed: false, reason: '本地区尚未设置在有效期内的经济困难标准，请管理员设置（第三十四条）' });
  } else if (facts.monthlyFamilyIncome === null) {
    criteria.push({ code: 'hardship', passed: false, reason: '未说明家庭收入状况（第四十一条：应当如实说明经济困难状况）' });
  } else {
    threshold = thresholdOf(standard);
    perCapita = Math.round((facts.monthlyFamilyIncome / Math.max(1, facts.familySize)) * 100) / 100;
    const how = facts.pledge && pledgeAllowed ? '（以个人诚信承诺核查，第四十一条）' : '';
    const basis =
      standard.basis === 'perCapitaIncome'
        ? `标准 ${yuan(threshold)}/人·月`
        : `标准为${standard.baseName === 'minimumWage' ? '当地最低工资标准' : '当地最低生活保障标准'} ${yuan(standard.amount)} 的 ${standard.multiple} 倍，即 ${yuan(threshold)}/人·月`;
    criteria.push(
      perCapita <= threshold
        ? { code: 'hardship', passed: true, reason: `家庭人均月收入 ${yuan(perCapita)}，不高于${basis}${how}` }
        : { code: 'hardship', passed: false, reason: `家庭人均月收入 ${yuan(perCapita)}，高于${basis}${how}` },
    );
  }
  return { passed: criteria.every((c) => c.passed), criteria, threshold, perCapita, checkedAt: at.toISOString() };
}

/** The standard in force on a day for a region: the longest region prefix wins, then the latest start. */
export function standardFor<S extends HardshipStandard & { regionCode: string }>(
  standards: readonly S[],
  regionCode: string,
  day: string,
): S | null {
  const fitting = standards.filter(
    (s) => regionCode.startsWith(s.regionCode) && s.effectiveFrom <= day && (s.effectiveTo === null || s.effectiveTo >= day),
  );
  fitting.sort((a, b) => b.regionCode.length - a.regionCode.length || b.effectiveFrom.localeCompare(a.effectiveFrom));
  return fitting[0] ?? null;
}

// ---------------------------------------------------------------------------------------------------------
// Stages and actions

export const AID_ACTIONS = [
  'firstReview',
  'requestMaterials',
  'materialsReceived',
  'withdraw',
  'reassess',
  'earlyAid',
  'decide',
  'assign',
  'changeProvider',
  'progress',
  'terminate',
  'serve',
  'close',
  'archive',
  'followUp',
  'rateQuality',
] as const;
export type AidAction = (typeof AID_ACTIONS)[number];

/** Where each action may be taken: the stages, and whether the town station or the county center acts. */
export const AID_ACTION_RULES: Record<AidAction, { stages: readonly AidStage[]; level: 'station' | 'center' | 'either' | 'provider' }> = {
  firstReview: { stages: ['firstReview'], level: 'station' },
  requestMaterials: { stages: ['firstReview', 'review'], level: 'either' },
  materialsReceived: { stages: ['awaitingMaterials'], level: 'either' },
  withdraw: { stages: ['firstReview', 'review', 'awaitingMaterials'], level: 'either' },
  reassess: { stages: ['firstReview', 'review'], level: 'either' },
  // 第四十四条: "法律援助机构收到法律援助申请后" — from receipt, the station's first review included
  earlyAid: { stages: ['firstReview', 'review'], level: 'center' },
  decide: { stages: ['review'], level: 'center' },
  assign: { stages: ['granted', 'review', 'firstReview'], level: 'center' },
  changeProvider: { stages: ['assigned'], level: 'center' },
  progress: { stages: ['assigned'], level: 'provider' },
  terminate: { stages: ['granted', 'assigned'], level: 'center' },
  serve: { stages: ['refused', 'terminated'], level: 'center' },
  close: { stages: ['assigned'], level: 'provider' },
  archive: { stages: ['closed'], level: 'center' },
  followUp: { stages: ['closed', 'archived'], level: 'center' },
  rateQuality: { stages: ['closed', 'archived'], level: 'center' },
};

/** What the applicant is told on the tracking page: where it stands and what, if anything, they must do. */
export const STAGE_FOR_CITIZEN: Record<AidStage, { status: string; next: string }> = {
  firstReview: { status: '镇工作站正在初审您的申请', next: '请保持电话畅通，工作人员可能联系您核实情况。' },
  review: { status: '县法律援助中心正在审查，将在期限内作出是否给予法律援助的决定', next: '无需操作，请等待决定。' },
  awaitingMaterials: {
    status: '需要您补充材料，审查期限暂停计算',
    next: '请在期限内把通知所列材料交到受理窗口，或在本页上传；逾期未补充的，视为撤回申请。',
  },
  granted: { status: '已决定给予法律援助，正在指派承办人员', next: '3日内将为您指派律师或其他法律援助人员。' },
  refused: { status: '决定不予法律援助', next: '如有异议，可以向县司法局提出，可在本页提交。' },
  assigned: { status: '已指派法律援助人员，正在办理', next: '承办人员会与您联系；您有权了解办理情况，也可申请更换承办人员。' },
  closed: { status: '案件已办结，正在归档', next: '欢迎对本次服务作出评价；中心可能回访，听取您对承办人员的意见。' },
  terminated: { status: '已终止法律援助', next: '如有异议，可以向县司法局提出，可在本页提交。' },
  archived: { status: '案件已办结归档', next: '欢迎对本次服务作出评价。' },
  withdrawn: { status: '申请已撤回', next: '如仍需法律援助，可重新申请。' },
};

// ---------------------------------------------------------------------------------------------------------
// Statutory periods

/**
 * 第四十三条: "法律援助机构应当自收到法律援助申请之日起七日内进行审查，作出是否给予法律援助的决定；决定给予法律援助的，
 * 应当自作出决定之日起三日内指派法律援助人员". These are the Law's periods in calendar days: a last day on a holiday
 * rolls to the next working day (民法典 第二百零一条、第二百零三条), which computeDeadline does. A locality may ask
 * for less, never more: counting working days instead lengthens the period.
 */
export const STATUTORY_DAYS = { decision: 7, assignment: 3 } as const;

/** Whether a county's setting keeps within the Law's period: calendar days, no more than the Law's. */
export function withinStatute(policy: Policy, maxDays: number): boolean {
  return policy.unit === 'calendar' && policy.days <= maxDays;
}

/** A setting stored before the check (or put in the database by hand) reads as the Law's period at most. */
export function clampToStatute(policy: Policy, maxDays: number): Policy {
  return withinStatute(policy, maxDays) ? policy : { ...policy, unit: 'calendar', days: Math.min(policy.days, maxDays) };
}
