import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AID_ACTION_RULES,
  assessEligibility,
  clampToStatute,
  STATUTORY_DAYS,
  standardFor,
  withinStatute,
  type EligibilityFacts,
  type HardshipStandard,
} from '../../server/modules/legalaid/rules.js';

const minimumWage: HardshipStandard = {
  basis: 'multipleOfBase',
  amount: 1900,
  baseName: 'minimumWage',
  multiple: 1,
  effectiveFrom: '2024-01-01',
  effectiveTo: null,
};
const facts = (more: Partial<EligibilityFacts> = {}): EligibilityFacts => ({
  matterCategory: 'maintenance',
  hasAgent: false,
  familySize: 3,
  monthlyFamilyIncome: 9000,
  noMeansTest: null,
  exemption: null,
  exemptionProof: false,
  pledge: false,
  ...more,
});
const hardship = (e: ReturnType<typeof assessEligibility>) => e.criteria.find((c) => c.code === 'hardship')!;

test('the means test compares the family income per member with the standard in force, and says so', () => {
  const poor = assessEligibility(facts({ monthlyFamilyIncome: 5400 }), minimumWage, true);
  assert.equal(poor.passed, true);
  assert.equal(poor.perCapita, 1800);
  assert.match(hardship(poor).reason, /1800元.*不高于.*最低工资标准 1900元 的 1 倍/);
  const better = assessEligibility(facts(), minimumWage, true);
  assert.equal(better.passed, false);
  assert.match(hardship(better).reason, /3000元，高于/);
  const perCapita = assessEligibility(
    facts({ monthlyFamilyIncome: 2400 }),
    { ...minimumWage, basis: 'perCapitaIncome', amount: 800 },
    true,
  );
  assert.equal(perCapita.passed, true, 'exactly at the line passes');
});

test('art. 32: victims of domestic violence, good samaritans, heroes’ relatives and retrial acquittals have no means test', () => {
  for (const ground of ['abuseVictim', 'goodSamaritan', 'heroMartyrRelative', 'retrialAcquittal'] as const) {
    const e = assessEligibility(facts({ noMeansTest: ground, monthlyFamilyIncome: 90_000 }), minimumWage, true);
    assert.equal(e.passed, true, ground);
    assert.match(hardship(e).reason, /不受经济困难条件限制/);
  }
});

test('art. 42: exempt groups skip the check only with proof; the migrant-worker exemption only for wages or work injury', () => {
  const noProof = assessEligibility(facts({ exemption: 'assistanceRecipient', monthlyFamilyIncome: null }), minimumWage, true);
  assert.equal(noProof.passed, false);
  assert.match(hardship(noProof).reason, /尚未提供证明材料/);
  const proof = assessEligibility(
    facts({ exemption: 'assistanceRecipient', exemptionProof: true, monthlyFamilyIncome: null }),
    minimumWage,
    true,
  );
  assert.equal(proof.passed, true);
  const wages = assessEligibility(
    facts({ matterCategory: 'labourRemuneration', exemption: 'migrantWorker', exemptionProof: true }),
    minimumWage,
    true,
  );
  assert.equal(wages.passed, true);
  const injury = assessEligibility(
    facts({ matterCategory: 'workInjury', exemption: 'migrantWorker', exemptionProof: true }),
    minimumWage,
    true,
  );
  assert.equal(injury.passed, true);
  const divorce = assessEligibility(
    facts({ matterCategory: 'maintenance', exemption: 'migrantWorker', exemptionProof: true }),
    minimumWage,
    true,
  );
  assert.equal(divorce.passed, false);
  assert.match(hardship(divorce).reason, /仅适用于申请支付劳动报酬或者工伤/);
  const vulnerable = assessEligibility(
    facts({ exemption: 'noIncomeVulnerable', exemptionProof: true, monthlyFamilyIncome: 50_000 }),
    minimumWage,
    true,
  );
  assert.equal(vulnerable.passed, true);
});

test('a retained lawyer, a matter outside the law and a missing standard each fail with their own reason', () => {
  const agent = assessEligibility(facts({ monthlyFamilyIncome: 3000, hasAgent: true }), minimumWage, true);
  assert.deepEqual(
    agent.criteria.filter((c) => !c.passed).map((c) => c.code),
    ['representation'],
  );
  const other = assessEligibility(facts({ monthlyFamilyIncome: 3000, matterCategory: 'other' }), minimumWage, true);
  assert.deepEqual(
    other.criteria.filter((c) => !c.passed).map((c) => c.code),
    ['matter'],
  );
  const none = assessEligibility(facts({ monthlyFamilyIncome: 3000 }), null, true);
  assert.match(hardship(none).reason, /尚未设置在有效期内的经济困难标准/);
  const pledged = assessEligibility(facts({ monthlyFamilyIncome: 3000, pledge: true }), minimumWage, true);
  assert.match(hardship(pledged).reason, /个人诚信承诺/);
});

test('the standard in force: by date, and the county’s own before the province’s', () => {
  const list = [
    { ...minimumWage, regionCode: '41', effectiveFrom: '2024-01-01', effectiveTo: '2025-09-30' },
    { ...minimumWage, regionCode: '41', amount: 2000, effectiveFrom: '2025-10-01', effectiveTo: null },
    {
      ...minimumWage,
      regionCode: '411522',
      basis: 'perCapitaIncome' as const,
      amount: 2100,
      effectiveFrom: '2026-07-01',
      effectiveTo: null,
    },
  ];
  assert.equal(standardFor(list, '411522101203', '2025-06-01')?.amount, 1900);
  assert.equal(standardFor(list, '411522101203', '2025-10-01')?.amount, 2000);
  assert.equal(standardFor(list, '411522101203', '2026-08-01')?.amount, 2100);
  assert.equal(standardFor(list, '411523000000', '2026-08-01')?.amount, 2000, 'another county keeps the province’s');
  assert.equal(standardFor(list, '421522', '2026-08-01'), null);
});

test('法律援助法 第四十三条「七日内……决定」「三日内指派」: calendar days, shortened but never working days nor longer', () => {
  assert.deepEqual(STATUTORY_DAYS, { decision: 7, assignment: 3 });
  assert.equal(withinStatute({ unit: 'calendar', days: 3, dueSoonDays: 1 }, STATUTORY_DAYS.assignment), true);
  assert.equal(withinStatute({ unit: 'calendar', days: 2, dueSoonDays: 1 }, STATUTORY_DAYS.assignment), true, 'shorter is allowed');
  assert.equal(withinStatute({ unit: 'working', days: 3, dueSoonDays: 1 }, STATUTORY_DAYS.assignment), false, 'working days lengthen it');
  assert.equal(withinStatute({ unit: 'working', days: 1, dueSoonDays: 0 }, STATUTORY_DAYS.assignment), false);
  assert.equal(withinStatute({ unit: 'calendar', days: 8, dueSoonDays: 2 }, STATUTORY_DAYS.decision), false);
  assert.deepEqual(clampToStatute({ unit: 'working', days: 7, dueSoonDays: 2 }, STATUTORY_DAYS.decision), {
    unit: 'calendar',
    days: 7,
    dueSoonDays: 2,
  });
  assert.deepEqual(clampToStatute({ unit: 'calendar', days: 5, dueSoonDays: 1 }, STATUTORY_DAYS.assignment), {
    unit: 'calendar',
    days: 3,
    dueSoonDays: 1,
  });
  assert.deepEqual(clampToStatute({ unit: 'calendar', days: 2, dueSoonDays: 1 }, STATUTORY_DAYS.assignment), {
    unit: 'calendar',
    days: 2,
    dueSoonDays: 1,
  });
});

test("第四十四条 early aid from receipt (the first review included); 第四十九条 the letter's receipt recorded on a refusal or termination", () => {
  assert.deepEqual([...AID_ACTION_RULES.earlyAid.stages].sort(), ['firstReview', 'review']);
  assert.deepEqual([...AID_ACTION_RULES.serve.stages].sort(), ['refused', 'terminated']);
});
