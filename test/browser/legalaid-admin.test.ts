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

/** The county's calendar day, `days` from today (the browser runs in Asia/Shanghai too). */
function countyDay(days = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * 86_400_000));
}

async function pickOption(page: Page, testId: string, text: string) {
  const chosen = page.getByTestId(testId).filter({ hasText: text });
  // on a busy machine a click can land on the list while it is still opening and pick nothing: look, and try again
  for (let attempt = 1; ; attempt++) {
    await page.getByTestId(testId).click();
    // type into the select's own search box once its list is open (typing blind loses keys on a busy machine)
    await page.locator('.ant-select-dropdown:visible').first().waitFor();
    const input = page.getByTestId(testId).locator('input').first();
    // a select without search has a read-only box: its options are picked from the list as they are
    if ((await input.getAttribute('readonly')) === null) await input.fill(text);
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first();
    // a click that did pick it must not be repeated: a second one would take it out of a multiple select
    if (!/ant-select-item-option-selected/.test((await option.getAttribute('class')) ?? '')) await option.click();
    // the choice shows in the box (a multiple select keeps the earlier ones)
    const shown = await chosen.waitFor({ timeout: 5_000 }).then(
      () => true,
      () => false,
    );
    if (shown) break;
    if (attempt === 3) await chosen.waitFor();
    await page.keyboard.press('Escape');
  }
  // the list has closed before the next pick, so that no click lands in a list on its way out
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden)'));
}

test('an administrator adds a provider to the pool, then edits and deactivates them', async () => {
  const page = await h.newPage();
  const staffLookups: string[] = [];
  page.on('request', (r) => {
    if (/\/api\/v1\/staff\/[0-9a-f-]{36}/.test(r.url())) staffLookups.push(r.url());
  });
  await loginInBrowser(page, h.baseUrl, 'admin', DEMO_PASSWORD);
  await page.getByTestId('menu-aidProviders').click();
  const rows = page.locator('[data-testid=aid-providers-table] tr[data-row-key]');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 5, 'the five demo providers');
  // the linked account comes with the provider: no look-up per person
  const chen = rows.filter({ hasText: '陈律师' });
  assert.match(await chen.getByTestId('aid-provider-account-name').innerText(), /12348值班律师\s+lawyer/);
  assert.deepEqual(staffLookups, []);

  await page.getByTestId('aid-provider-create').click();
  const form = page.getByTestId('aid-provider-form');
  await form.waitFor();
  // required fields are asked for in Chinese before anything is sent
  await page.getByTestId('aid-provider-save').click();
  await form.getByText('请输入姓名').waitFor();
  await form.getByText('请至少选择一类承办事项').waitFor();

  await page.getByTestId('aid-provider-name').fill('黄法律工作者');
  await page.getByTestId('aid-provider-phone').fill('0376-888');
  await form.getByText('请填写手机号或固定电话').waitFor();
  await page.getByTestId('aid-provider-phone').fill('0376-8884001');
  await form.getByText('基层法律服务工作者').click();
  await page.getByTestId('aid-provider-organisation').fill('光山县弦山法律服务所');
  await pickOption(page, 'aid-provider-matters', '劳动报酬');
  await pickOption(page, 'aid-provider-matters', '交通事故');
  await page.getByTestId('aid-provider-prior-clients').fill('光山县鑫源物流有限公司\n 赵某某 ');
  await page.getByTestId('aid-provider-save').click();
  await page.getByTestId('aid-provider-drawer').waitFor({ state: 'hidden' });

  const row = rows.filter({ hasText: '黄法律工作者' });
  await row.waitFor();
  const text = await row.innerText();
  assert.match(text, /基层法律服务工作者/);
  assert.match(text, /光山县弦山法律服务所/);
  assert.match(text, /0 \/ 8/, 'no open case yet, the default limit of 8');
  const stored = await h.t.db.selectFrom('aid_providers').selectAll().where('name', '=', '黄法律工作者').executeTakeFirstOrThrow();
  assert.equal(stored.kind, 'grassrootsWorker');
  assert.deepEqual([...stored.matter_categories].sort(), ['labourRemuneration', 'trafficAccident']);
  assert.deepEqual(stored.prior_clients, ['光山县鑫源物流有限公司', '赵某某'], 'one per line, trimmed');
  assert.equal(stored.active, true);

  await row.getByTestId('aid-provider-edit').click();
  await form.waitFor();
  assert.equal(await page.getByTestId('aid-provider-name').inputValue(), '黄法律工作者');
  await page.getByTestId('aid-provider-max-load').fill('5');
  await page.getByTestId('aid-provider-active').click();
  await page.getByTestId('aid-provider-save').click();
  await page.getByTestId('aid-provider-drawer').waitFor({ state: 'hidden' });
  // the list shows active people by default: the deactivated one shows under 已停用
  await row.waitFor({ state: 'detached' });
  await pickOption(page, 'aid-providers-active', '已停用');
  await row.waitFor();
  assert.match(await row.innerText(), /已停用/);
  assert.match(await row.innerText(), /0 \/ 5/);
  const edited = await h.t.db.selectFrom('aid_providers').selectAll().where('id', '=', stored.id).executeTakeFirstOrThrow();
  assert.equal(edited.max_load, 5);
  assert.equal(edited.active, false);
  assert.equal(edited.version, stored.version + 1);
  assert.deepEqual(edited.prior_clients, stored.prior_clients, 'what was not touched is not sent');
});

test('an administrator adds a county hardship standard: the threshold is shown before saving and it becomes the one in force', async () => {
  const page = await h.newPage();
  await loginInBrowser(page, h.baseUrl, 'admin', DEMO_PASSWORD);
  await page.getByTestId('menu-aidSettings').click();
  const rows = page.locator('[data-testid=aid-standards-table] tr[data-row-key]');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 1, 'the province’s demo standard');
  assert.equal(await rows.first().getByTestId('aid-standard-status').getAttribute('data-status'), 'inForce');

  await page.getByTestId('aid-standard-add').click();
  const form = page.getByTestId('aid-standard-form');
  await form.waitFor();
  await form.getByText('本县（411522）').click();
  await pickOption(page, 'aid-standard-base', '最低生活保障');
  await page.getByTestId('aid-standard-amount').fill('650');
  await page.getByTestId('aid-standard-multiple').fill('2');
  await page.getByTestId('aid-standard-preview').getByText('当地最低生活保障标准 650 元 × 2 = 1300 元/人·月').waitFor();
  const from = countyDay(-1);
  await page.getByTestId('aid-standard-from').click();
  await page.getByTestId('aid-standard-from').fill(from);
  // leaving the field keeps the typed date (Enter would also submit the form)
  await page.getByTestId('aid-standard-note').fill('县政府关于提高低保标准的通知');
  await page.getByTestId('aid-standard-save').click();
  await form.waitFor({ state: 'detached' });

  await rows.nth(1).waitFor();
  const county = rows.filter({ hasText: '本县（411522）' });
  assert.match(await county.getByTestId('aid-standard-threshold').innerText(), /1300 元\/人·月/);
  assert.equal(await county.getByTestId('aid-standard-status').getAttribute('data-status'), 'inForce', 'the county’s own comes first');
  const province = rows.filter({ hasText: '全省（41）' });
  assert.equal(await province.getByTestId('aid-standard-status').getAttribute('data-status'), 'superseded');
  const stored = await h.t.db
    .selectFrom('aid_hardship_standards')
    .select(['basis', 'amount', 'base_name', 'multiple'])
    .where('region_code', '=', '411522')
    .executeTakeFirstOrThrow();
  assert.deepEqual(
    { ...stored, amount: Number(stored.amount), multiple: Number(stored.multiple) },
    { basis: 'multipleOfBase', amount: 650, base_name: 'minimumLivingStandard', multiple: 2 },
  );
});

test('an administrator ends the province’s standard today and deletes a county standard that is not yet in force', async () => {
  const admin = await h.t.login('admin');
  const added = await h.t.as(admin, {
    method: 'POST',
    url: '/api/v1/legal-aid/standards',
    payload: { regionCode: '411522', basis: 'perCapitaIncome', amount: 1700, effectiveFrom: countyDay(40), note: '录入有误的标准' },
  });
  assert.equal(added.statusCode, 201, added.body);
  const future = added.json();

  const page = await h.newPage();
  await loginInBrowser(page, h.baseUrl, 'admin', DEMO_PASSWORD);
  await page.goto(`${h.baseUrl}/workbench/legal-aid/settings`);
  const rows = page.locator('[data-testid=aid-standards-table] tr[data-row-key]');
  const futureRow = page.locator(`[data-testid=aid-standards-table] tr[data-row-key="${future.id}"]`);
  await futureRow.waitFor();
  assert.equal(await futureRow.getByTestId('aid-standard-status').getAttribute('data-status'), 'future');

  // a standard in force offers an end date but no deletion
  const province = rows.filter({ hasText: '全省（41）' });
  assert.equal(await province.getByTestId('aid-standard-delete').count(), 0);
  await province.getByTestId('aid-standard-end').click();
  const form = page.getByTestId('aid-standard-end-form');
  await form.waitFor();
  await form.getByText('截止日期最早为今天').waitFor();
  const today = countyDay();
  await page.getByTestId('aid-standard-end-to').click();
  await page.getByTestId('aid-standard-end-to').fill(today);
  await page.getByTestId('aid-standard-end-note').fill('省政府新标准公布后截止');
  await page.getByTestId('aid-standard-end-save').click();
  await form.waitFor({ state: 'detached' });
  await province.filter({ hasText: `~ ${today}` }).waitFor();
  const ended = await h.t.db
    .selectFrom('aid_hardship_standards')
    .select([(eb) => eb.cast<string>('effective_to', 'text').as('effective_to'), 'note'])
    .where('region_code', '=', '41')
    .executeTakeFirstOrThrow();
  assert.deepEqual(ended, { effective_to: today, note: '省政府新标准公布后截止' });

  await futureRow.getByTestId('aid-standard-delete').click();
  await page.locator('.ant-popconfirm:visible').getByRole('button', { name: '删除（未生效）' }).click();
  await page.getByText('已删除未生效的标准').waitFor();
  await futureRow.waitFor({ state: 'detached' });
  assert.equal(await h.t.db.selectFrom('aid_hardship_standards').select('id').where('id', '=', future.id).executeTakeFirst(), undefined);

  // the province's standard stays open-ended for the tests that follow
  await h.t.db.updateTable('aid_hardship_standards').set({ effective_to: null }).where('region_code', '=', '41').execute();
});

test('an administrator changes the materials period; the stored setting changes and the page shows it after reload', async () => {
  const page = await h.newPage();
  await loginInBrowser(page, h.baseUrl, 'admin', DEMO_PASSWORD);
  await page.goto(`${h.baseUrl}/workbench/legal-aid/settings`);
  const days = page.getByTestId('aid-settings-materials-days');
  await days.waitFor();
  assert.equal(await days.inputValue(), '15');
  await days.fill('20');
  await page.getByTestId('aid-settings-save').click();
  await page.getByText('设置已保存').waitFor();
  const stored = await h.t.db.selectFrom('aid_settings').selectAll().where('county_code', '=', '411522').executeTakeFirstOrThrow();
  assert.equal(stored.materials_days, 20);
  assert.equal(stored.objection_days, null, 'only what changed: still no period for objecting (法律援助法 第四十九条 sets none)');
  await page.reload();
  await days.waitFor();
  assert.equal(await days.inputValue(), '20');
});

test('the bureau’s supervisor orders a refusal corrected; the objection moves to the decided list and the case goes back to review', async () => {
  // set up through the API: the center refuses an application and the applicant objects on the portal
  const center = await h.t.login('legalaid');
  const phone = '13955557777';
  const created = await h.t.as(center, {
    method: 'POST',
    url: '/api/v1/legal-aid/cases',
    payload: {
      name: '张桂兰',
      phone,
      regionCode: '411522101203',
      description: '儿子多年不支付赡养费，本人七十五岁，收入为一次性补偿。',
      channel: 'walk_in',
      applicantKind: 'self',
      matterCategory: 'maintenance',
      aidForm: 'litigationAgency',
      opposingParty: '李某',
      familyMembers: [],
      monthlyIncome: 90_000,
    },
  });
  assert.equal(created.statusCode, 201, created.body);
  const c = created.json();
  const refused = await h.t.as(center, {
    method: 'POST',
    url: `/api/v1/legal-aid/cases/${c.id}/decide`,
    payload: { version: c.version, decision: 'refuse', reason: '家庭人均月收入高于经济困难标准' },
  });
  assert.equal(refused.statusCode, 200, refused.body);
  const objected = await h.t.app.inject({
    method: 'POST',
    url: `/api/v1/public/legal-aid/${c.trackingNo}/objections`,
    remoteAddress: '10.77.0.1',
    payload: { phone, grounds: '收入为一次性拆迁补偿，不是经常性收入' },
  });
  assert.equal(objected.statusCode, 201, objected.body);
  const objectionId: string = objected.json().id;

  const page = await h.newPage();
  await loginInBrowser(page, h.baseUrl, 'supervisor', DEMO_PASSWORD);
  await page.getByTestId('menu-aidObjections').click();
  const row = page.locator(`[data-testid=aid-objections-pending] tr[data-row-key="${objectionId}"]`);
  await row.waitFor();
  const text = await row.innerText();
  assert.match(text, /张\*\*/, 'the applicant’s name is masked in the queue');
  assert.ok(!text.includes('张桂兰'));
  assert.match(text, /139\*{4}7777/);
  assert.match(text, /不予法律援助决定/);
  assert.match(text, /一次性拆迁补偿/);
  assert.equal(await row.getByTestId('aid-objection-due').getAttribute('data-due-state'), 'normal');
  assert.equal(await row.getByTestId('aid-objection-case').getAttribute('href'), `/workbench/legal-aid/${c.id}`);

  await row.getByTestId('aid-objection-decide').click();
  const form = page.getByTestId('aid-objection-form');
  await form.waitFor();
  assert.match(await page.getByTestId('aid-objection-context').innerText(), /家庭人均月收入高于经济困难标准/, 'the decision objected to');
  await page.getByTestId('aid-objection-submit').click();
  await form.getByText('请选择审查决定').waitFor();
  await page.getByTestId('aid-objection-correct').click();
  await form.getByText('案件退回县法律援助中心重新审查').waitFor();
  await page.getByTestId('aid-objection-reason').fill('一次性补偿不计入经常性收入，责令重新审查');
  await page.getByTestId('aid-objection-submit').click();
  await form.waitFor({ state: 'detached' });
  await row.waitFor({ state: 'detached' });

  await page.getByTestId('aid-objections-tab-decided').click();
  const decided = page.locator(`[data-testid=aid-objections-decided] tr[data-row-key="${objectionId}"]`);
  await decided.waitFor();
  assert.equal(await decided.getByTestId('aid-objection-decision').getAttribute('data-decision'), 'correct');
  assert.match(await decided.innerText(), /责令改正/);
  assert.match(await decided.innerText(), /责令重新审查/);
  assert.match(await decided.getByTestId('aid-objection-decided-by').innerText(), /司法局督办/);

  // the case went back to review, yet its objection stays on the decided list, after a reload too
  await page.reload();
  await decided.waitFor();
  assert.equal(await decided.getByTestId('aid-objection-decision').getAttribute('data-decision'), 'correct');
  assert.match(await decided.innerText(), /张\*\*/);
  assert.match(await page.getByTestId('aid-objections-tab-decided').innerText(), /已决定\s*1/);
  assert.equal(await page.locator(`[data-testid=aid-objections-pending] tr[data-row-key="${objectionId}"]`).count(), 0);

  const stored = await h.t.db.selectFrom('aid_objections').selectAll().where('id', '=', objectionId).executeTakeFirstOrThrow();
  assert.equal(stored.decision, 'correct');
  assert.equal(stored.decision_reason, '一次性补偿不计入经常性收入，责令重新审查');
  const after = await h.t.db.selectFrom('aid_cases').select('stage').where('id', '=', c.id).executeTakeFirstOrThrow();
  assert.equal(after.stage, 'review', 'the center decides again');
});
