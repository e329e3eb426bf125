import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { loginInBrowser, startBrowserHarness, type BrowserHarness } from '../helpers/browser.js';
import { DEMO_PASSWORD } from '../helpers/db.js';

let h: BrowserHarness;
before(async () => {
  h = await startBrowserHarness();
});
after(() => h.close());

const OPPOSING = '光山县宏达建筑有限公司';

/** A wages claim taken at the 十里镇 station's desk, through the API: it waits for the station's first review. */
async function applyAtStation(name: string) {
  const station = await h.t.login('station-411522101');
  const res = await h.t.as(station, {
    method: 'POST',
    url: '/api/v1/legal-aid/cases',
    payload: {
      channel: 'walk_in',
      name,
      phone: '13922224444',
      regionCode: '411522101203',
      description: '在县城工地干了八个月，包工头拖欠工资三万二千元，多次讨要未果。',
      applicantKind: 'self',
      matterCategory: 'labourRemuneration',
      aidForm: 'labourArbitration',
      opposingParty: OPPOSING,
      familyMembers: [
        { relation: '妻子', name: '王秀英', monthlyIncome: 800 },
        { relation: '儿子', name: '李小明', monthlyIncome: 0 },
      ],
      monthlyIncome: 1500,
      pledge: true,
    },
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: string; trackingNo: string; stage: string };
}

const stageOf = (page: Page) => page.getByTestId('aid-case-page').getAttribute('data-stage');
async function waitForStage(page: Page, stage: string) {
  await page.waitForFunction((s) => document.querySelector('[data-testid=aid-case-page]')?.getAttribute('data-stage') === s, stage);
}
async function openAction(page: Page, action: string) {
  await page.getByTestId(`aid-action-${action}`).click();
  await page.locator(`[data-testid=aid-action-form][data-action=${action}]`).waitFor();
}
const form = (page: Page) => page.getByTestId('aid-action-form');
/** antd's radio buttons and checkboxes: click the label that holds the input */
const choose = (page: Page, value: string) =>
  form(page)
    .locator('label', { has: page.locator(`input[value="${value}"]`) })
    .click();
const tick = (page: Page, text: string) => form(page).locator('label.ant-checkbox-wrapper', { hasText: text }).click();

async function buttons(page: Page) {
  return (await page
    .getByTestId('aid-actions')
    .locator('button[data-testid^=aid-action-]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')?.replace('aid-action-', '')))) as string[];
}

test('a legal aid case from the station desk through review, decision, assignment with a conflict, closing and archive', async () => {
  const applied = await applyAtStation('李建国');
  assert.equal(applied.stage, 'firstReview');

  // 1. the 十里镇 station finds it in its first-review queue and forwards it to the center
  const station = await h.newPage();
  await loginInBrowser(station, h.baseUrl, 'station-411522101', DEMO_PASSWORD);
  await station.getByTestId('menu-legalAid').click();
  await station.getByTestId('aid-cases-page').waitFor();
  const row = station.locator(`[data-testid=aid-cases-table] tr[data-row-key="${applied.id}"]`);
  await row.waitFor();
  assert.match(await row.innerText(), /李\*国/, 'the applicant is masked in the list');
  assert.equal(await row.getByTestId('aid-stage').getAttribute('data-stage'), 'firstReview');
  await row.getByTestId('aid-case-open').click();
  await station.getByTestId('aid-case-page').waitFor();
  assert.equal(await station.getByTestId('aid-eligibility').getAttribute('data-passed'), 'true');
  assert.match(await station.getByTestId('aid-criterion').nth(2).innerText(), /766\.67元/);
  assert.match(await station.getByTestId('aid-phone').innerText(), /139\*\*\*\*4444/);
  assert.deepEqual((await buttons(station)).sort(), ['firstReview', 'reassess', 'requestMaterials', 'withdraw']);
  await openAction(station, 'firstReview');
  await form(station).getByTestId('aid-action-note').fill('已面谈核实，情况属实，建议给予援助');
  await station.getByTestId('aid-action-ok').click();
  await waitForStage(station, 'review');
  assert.deepEqual(await buttons(station), [], 'the station has nothing more to do once the center has it');
  await station.getByTestId('aid-first-review').waitFor();

  // 2. the center asks for a missing item at once, receives it and grants legal aid
  const center = await h.newPage();
  await loginInBrowser(center, h.baseUrl, 'legalaid', DEMO_PASSWORD);
  await center.goto(`${h.baseUrl}/workbench/legal-aid`);
  await center.getByTestId('aid-queue-review').waitFor();
  await center.locator(`[data-testid=aid-cases-table] tr[data-row-key="${applied.id}"]`).getByTestId('aid-case-open').click();
  await center.getByTestId('aid-decision-due').waitFor();
  await openAction(center, 'requestMaterials');
  await tick(center, '劳动关系证明');
  await form(center).getByTestId('aid-action-item').first().fill('包工头出具的欠条原件');
  await center.getByTestId('aid-action-ok').click();
  await waitForStage(center, 'awaitingMaterials');
  const missing = await center.getByTestId('aid-missing').innerText();
  assert.match(missing, /劳动关系证明/);
  assert.match(missing, /包工头出具的欠条原件/);
  assert.ok(await center.locator('[data-testid=aid-document][data-kind=materialsNotice]').count(), 'the notice can be printed');

  await openAction(center, 'materialsReceived');
  await center.getByTestId('aid-action-ok').click();
  await waitForStage(center, 'review');

  await openAction(center, 'decide');
  await choose(center, 'grant');
  await form(center).getByTestId('aid-action-reason').fill('申请人家庭经济困难，申请事项属于法律援助范围');
  assert.equal(await form(center).getByTestId('aid-action-override').count(), 0, 'an eligible case needs no override');
  await center.getByTestId('aid-action-ok').click();
  await waitForStage(center, 'granted');
  assert.match(await center.getByTestId('aid-case-no').innerText(), /^光山援〔20[0-9]{2}〕[0-9]+号$/);
  await center.getByTestId('aid-assignment-due').waitFor();

  // 3. assignment: 陈律师 once acted for the company. The list the clerk opened is stale (read before the
  // conflict was known), so the server's 409 is what tells them; then an override reason lets it through.
  await center.route('**/api/v1/legal-aid/cases/*/suggestions', async (route) => {
    const res = await route.fetch();
    const list = (await res.json()) as { name: string; conflicts: string[] }[];
    await route.fulfill({ response: res, json: list.map((s) => ({ ...s, conflicts: [] })) });
  });
  await openAction(center, 'assign');
  await center.locator('[data-testid=aid-suggestion][data-name=陈律师]').click();
  assert.equal(await center.getByTestId('aid-conflict-warning').count(), 0);
  await center.getByTestId('aid-action-ok').click();
  const error = center.getByTestId('aid-action-error');
  await error.waitFor();
  assert.equal(await error.getAttribute('data-code'), 'AID_CONFLICT_OF_INTEREST');
  assert.match(await error.innerText(), /利益冲突/);
  assert.match(await center.getByTestId('aid-conflict-warning').innerText(), new RegExp(`曾代理：${OPPOSING}`));
  await center.unroute('**/api/v1/legal-aid/cases/*/suggestions');
  await center.getByTestId('aid-action-cancel').click();

  // with a fresh list the conflict shows on the row, and the reason is required before sending
  await openAction(center, 'assign');
  const chen = center.locator('[data-testid=aid-suggestion][data-name=陈律师]');
  await chen.waitFor();
  assert.equal(await chen.getAttribute('data-conflict'), 'true');
  const names = await center.getByTestId('aid-suggestion').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));
  assert.equal(names.at(-1), '陈律师', 'a conflicted provider is ranked last');
  await chen.click();
  await center.getByTestId('aid-conflict-warning').waitFor();
  await center.getByTestId('aid-action-ok').click();
  await form(center).getByText('存在利益冲突仍予指派的，须写明理由').waitFor();
  await form(center).getByTestId('aid-action-conflict-override').fill('宏达公司案已于三年前结案，陈律师熟悉该公司用工情况，受援人同意');
  await center.getByTestId('aid-action-ok').click();
  await waitForStage(center, 'assigned');
  assert.match(await center.getByTestId('aid-provider').innerText(), /陈律师/);
  assert.match(await center.getByTestId('aid-conflict-override').innerText(), /受援人同意/);

  // 4. 陈律师 (the lawyer account) finds it among their cases; someone else's step in between is a 409 that reloads
  const lawyer = await h.newPage();
  await loginInBrowser(lawyer, h.baseUrl, 'lawyer', DEMO_PASSWORD);
  await lawyer.goto(`${h.baseUrl}/workbench/legal-aid`);
  const mine = lawyer.locator(`[data-testid=aid-cases-table] tr[data-row-key="${applied.id}"]`);
  await mine.waitFor();
  assert.equal(await lawyer.locator('[data-testid=aid-tabs] .ant-tabs-tab-active [data-testid=aid-queue-mine]').count(), 1);
  await mine.getByTestId('aid-case-open').click();
  await lawyer.getByTestId('aid-case-page').waitFor();
  assert.deepEqual((await buttons(lawyer)).sort(), ['close', 'progress']);
  await openAction(lawyer, 'progress');
  await form(lawyer).getByTestId('aid-action-note').fill('已会见受援人，向县劳动人事争议仲裁委提交仲裁申请');
  // meanwhile the center records a call on the same case
  const centerApi = await h.t.login('legalaid');
  const now = (await h.t.as(centerApi, { url: `/api/v1/legal-aid/cases/${applied.id}` })).json() as { version: number };
  const other = await h.t.as(centerApi, {
    method: 'POST',
    url: `/api/v1/legal-aid/cases/${applied.id}/progress`,
    payload: { version: now.version, note: '中心电话督促承办人尽快立案' },
  });
  assert.equal(other.statusCode, 200, other.body);
  await lawyer.getByTestId('aid-action-ok').click();
  await lawyer.getByText('该案件刚刚已被他人处理').waitFor();
  await lawyer.getByTestId('aid-action-form').waitFor({ state: 'detached' });
  await lawyer.locator('[data-testid=aid-event][data-event-type=aidProgress]', { hasText: '中心电话督促' }).waitFor();

  await openAction(lawyer, 'progress');
  await form(lawyer).getByTestId('aid-action-note').fill('已会见受援人，向县劳动人事争议仲裁委提交仲裁申请');
  await lawyer.getByTestId('aid-action-ok').click();
  await lawyer.locator('[data-testid=aid-event][data-event-type=aidProgress]', { hasText: '仲裁申请' }).waitFor();

  await openAction(lawyer, 'close');
  await form(lawyer).getByTestId('aid-action-outcome').fill('仲裁调解，追回工资三万二千元');
  await form(lawyer).getByTestId('aid-action-report').fill('受援人与公司在仲裁委主持下达成调解协议，公司当场支付全部欠薪。');
  await lawyer.getByTestId('aid-action-ok').click();
  await waitForStage(lawyer, 'closed');
  assert.match(await lawyer.getByTestId('aid-closing-outcome').innerText(), /追回工资三万二千元/);
  assert.deepEqual(await buttons(lawyer), []);

  // 5. the center archives it once every item of the file is checked
  await center.getByTestId('aid-case-reload').click();
  await waitForStage(center, 'closed');
  await openAction(center, 'archive');
  await tick(center, '法律援助申请表');
  await center.getByTestId('aid-action-ok').click();
  await form(center).getByText('请核对全部案卷材料后再归档').waitFor();
  const boxes = form(center).locator('label.ant-checkbox-wrapper:not(.ant-checkbox-wrapper-checked)');
  while ((await boxes.count()) > 0) await boxes.first().click();
  await center.getByTestId('aid-action-ok').click();
  await waitForStage(center, 'archived');
  assert.equal(await stageOf(center), 'archived');
  const kinds = await center.getByTestId('aid-document').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
  assert.deepEqual(kinds, ['application', 'receipt', 'decision', 'assignmentNotice', 'closingReport']);
  const events = await center.getByTestId('aid-event').evaluateAll((els) => els.map((e) => e.getAttribute('data-event-type')));
  for (const type of [
    'aidApplied',
    'aidForwarded',
    'materialsRequested',
    'materialsReceived',
    'aidGranted',
    'aidAssigned',
    'aidClosed',
    'aidArchived',
  ])
    assert.ok(events.includes(type), `${type} in ${events.join(',')}`);

  const stored = await h.t.db
    .selectFrom('aid_cases')
    .select(['stage', 'conflict_override', 'case_no'])
    .where('id', '=', applied.id)
    .executeTakeFirstOrThrow();
  assert.equal(stored.stage, 'archived');
  assert.match(stored.conflict_override ?? '', /受援人同意/);
  assert.match(stored.case_no ?? '', /^光山援/);
});

test('a desk application at the center opens the case with the eligibility verdict, and a failed criterion needs an override reason to grant', async () => {
  const center = await h.newPage({ width: 1366, height: 768 });
  await loginInBrowser(center, h.baseUrl, 'legalaid', DEMO_PASSWORD);
  await center.goto(`${h.baseUrl}/workbench/legal-aid`);
  await center.getByTestId('aid-apply').click();
  await center.getByTestId('aid-apply-form').waitFor();
  await center.getByTestId('aid-apply-name').fill('张桂兰');
  await center.getByTestId('aid-apply-phone').fill('13811112222');
  await center.locator('#applicantKind').click();
  await center.locator('.ant-select-item-option', { hasText: '法定代理人' }).click();
  await center.getByTestId('aid-apply-proxy-name').fill('张小红');
  await center.getByTestId('aid-apply-proxy-relation').fill('女儿');
  await center.getByTestId('aid-apply-proxy-phone').fill('13700001111');
  await center.locator('#matterCategory').click();
  await center.locator('#matterCategory').fill('赡养');
  await center.locator('.ant-select-item-option', { hasText: '赡养费' }).click();
  await center.locator('#aidForm').click();
  await center.locator('.ant-select-item-option', { hasText: '诉讼代理' }).click();
  await center.getByTestId('aid-apply-opposing-party').fill('张大伟');
  await center.getByTestId('aid-apply-facts').fill('儿子长期不支付赡养费，申请给付赡养费。');
  await center.locator('#monthlyIncome').fill('9000');
  await center.getByTestId('aid-apply-add-member').click();
  await center.getByTestId('aid-apply-member-relation').fill('配偶');
  await center.getByTestId('aid-apply-member-name').fill('王德');
  await center.locator('#familyMembers_0_monthlyIncome').fill('800');
  await center.getByTestId('aid-apply-pledge').click();
  await center.getByTestId('aid-apply-per-capita').filter({ hasText: '4900' }).waitFor();
  await center.getByTestId('aid-apply-submit').click();

  await center.getByTestId('aid-created').waitFor();
  assert.equal(await stageOf(center), 'review', 'the center reviews what it takes itself');
  assert.equal(await center.getByTestId('aid-eligibility').getAttribute('data-passed'), 'false');
  const hardship = center.locator('[data-testid=aid-criterion][data-code=hardship]');
  assert.equal(await hardship.getAttribute('data-passed'), 'false');
  assert.match(await hardship.innerText(), /4900元/);
  assert.match(await center.getByTestId('aid-proxy').innerText(), /张小红（女儿）137\*\*\*\*1111/);

  // the full phone is shown on request, and the view is audited
  await center.getByTestId('aid-reveal-phone').click();
  assert.match(await center.getByTestId('aid-revealed-phone').innerText(), /13811112222/);
  await center.getByTestId('aid-revealed-phone-close').click();
  const id = await center.getByTestId('aid-case-page').getAttribute('data-case-id');
  const audited = await h.t.db
    .selectFrom('audit_log')
    .select('action')
    .where('entity_id', '=', id!)
    .where('action', '=', 'aidCase.revealPhone')
    .execute();
  assert.equal(audited.length, 1);

  await openAction(center, 'decide');
  await choose(center, 'grant');
  assert.match(await center.getByTestId('aid-action-eligibility-failed').innerText(), /经济困难条件/);
  await form(center).getByTestId('aid-action-reason').fill('申请人年老多病，赡养纠纷急需处理');
  await center.getByTestId('aid-action-ok').click();
  await form(center).getByText('未通过标准而给予援助的，须写明理由').waitFor();
  await form(center).getByTestId('aid-action-override').fill('申请人收入主要用于自身医疗，实际生活困难，经集体研究决定给予援助');
  await center.getByTestId('aid-action-ok').click();
  await waitForStage(center, 'granted');
  assert.match(await center.getByTestId('aid-override-reason').innerText(), /经集体研究/);
});
