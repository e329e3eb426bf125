import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { loginInBrowser, startBrowserHarness, type BrowserHarness } from '../helpers/browser.js';
import { DEMO_PASSWORD } from '../helpers/db.js';

/*
 * The whole journey as the people in it live it: a villager applies on their phone, the 十里镇 station does the
 * first review, the county center grants and assigns, the lawyer works and closes, the center archives — and
 * after every step the villager's tracking page says where it stands, in plain words.
 */

let h: BrowserHarness;
before(async () => {
  h = await startBrowserHarness();
});
after(() => h.close());

const PHONE = '13933334444';

/** What the tracking page says at each stage (labels.zh-CN.ts, citizenStages). */
const SAYS: Record<string, RegExp> = {
  firstReview: /镇工作站正在初审您的申请/,
  review: /县法律援助中心正在审查/,
  granted: /已决定给予法律援助，正在指派承办人员/,
  assigned: /已指派法律援助人员，正在办理/,
  closed: /案件已办结，正在归档/,
  archived: /案件已办结归档/,
};

async function citizenSees(page: Page, trackingNo: string, stage: string) {
  await page.goto(`${h.baseUrl}/track?no=${trackingNo}`);
  await page.getByTestId('track-phone').fill(PHONE);
  await page.getByTestId('track-submit').click();
  const status = page.getByTestId('aid-status');
  await status.waitFor();
  assert.equal(await status.getAttribute('data-stage'), stage, `the citizen sees ${stage}`);
  assert.match(await status.innerText(), SAYS[stage]!);
  return page.getByTestId('aid-panel');
}

async function waitForStage(page: Page, stage: string) {
  await page.waitForFunction((s) => document.querySelector('[data-testid=aid-case-page]')?.getAttribute('data-stage') === s, stage);
}
async function openAction(page: Page, action: string) {
  await page.getByTestId(`aid-action-${action}`).click();
  await page.locator(`[data-testid=aid-action-form][data-action=${action}]`).waitFor();
}
const form = (page: Page) => page.getByTestId('aid-action-form');
const choose = (page: Page, value: string) =>
  form(page)
    .locator('label', { has: page.locator(`input[value="${value}"]`) })
    .click();
async function openCase(page: Page, id: string) {
  await page.goto(`${h.baseUrl}/workbench/legal-aid?queue=all`);
  await page.locator(`[data-testid=aid-cases-table] tr[data-row-key="${id}"]`).getByTestId('aid-case-open').click();
  await page.getByTestId('aid-case-page').waitFor();
}

test('apply on the portal → first review at 十里镇 → grant, assign at the center → the lawyer closes → archive; the citizen follows each step', async () => {
  // 0. the villager applies on a phone
  const citizen = await h.newPage({ width: 390, height: 844 });
  await citizen.goto(`${h.baseUrl}/legal-aid`);
  await citizen.getByTestId('aid-form').waitFor();
  await citizen.getByTestId('aid-kind-self').click();
  await citizen.getByTestId('aid-name').fill('孙德福');
  await citizen.getByTestId('aid-phone').fill(PHONE);
  await citizen.getByTestId('aid-town').selectOption('411522101');
  await citizen.getByTestId('aid-village').selectOption('411522101203');
  await citizen.getByTestId('aid-matter').selectOption('labourRemuneration');
  await citizen.getByTestId('aid-description').fill('在镇上砖厂干了半年，老板拖欠工资一万八千元，一直不给。');
  await citizen.getByTestId('aid-opposing-party').fill('十里镇红星砖厂');
  await citizen.getByTestId('aid-has-agent-no').click();
  // the local standard, in plain words, once the town is known
  assert.match(await citizen.getByTestId('aid-standard-amount').innerText(), /当地标准：每人每月 1900 元/);
  await citizen.getByTestId('aid-own-income').fill('900');
  await citizen.getByTestId('aid-pledge').click();
  await citizen.getByTestId('aid-submit').click();
  const shown = citizen.getByTestId('aid-tracking-no');
  await shown.waitFor();
  const trackingNo = (await shown.getAttribute('data-tracking-no')) ?? '';
  assert.match(trackingNo, /^[0-9]{6}[0-9A-Z]{8}$/);
  const panel = await citizenSees(citizen, trackingNo, 'firstReview');
  assert.equal(await panel.getByTestId('aid-deadline').getAttribute('data-kind'), 'firstReview', "the station's period is shown");

  const { id } = await h.t.db
    .selectFrom('aid_cases as c')
    .innerJoin('service_requests as r', 'r.id', 'c.request_id')
    .select('c.id')
    .where('r.tracking_no', '=', trackingNo)
    .executeTakeFirstOrThrow();

  // 1. the 十里镇 station finds it in its first-review queue, with its due date, and forwards it to the center
  const station = await h.newPage();
  await loginInBrowser(station, h.baseUrl, 'station-411522101', DEMO_PASSWORD);
  await station.getByTestId('menu-legalAid').click();
  const row = station.locator(`[data-testid=aid-cases-table] tr[data-row-key="${id}"]`);
  await row.waitFor();
  assert.equal(await row.getByTestId('aid-stage').getAttribute('data-stage'), 'firstReview');
  assert.match(await row.getByTestId('aid-list-phone').innerText(), /139\*+4444/);
  assert.match(await row.getByTestId('aid-list-site').innerText(), /十里镇公共法律服务工作站/);
  assert.ok(await row.getByTestId('aid-due').count(), 'the first review has a due date in the queue');
  await row.getByTestId('aid-case-open').click();
  await station.getByTestId('aid-first-review-due').waitFor();
  await openAction(station, 'firstReview');
  await form(station).getByTestId('aid-action-note').fill('已电话核实，砖厂确有欠薪，建议给予援助');
  await station.getByTestId('aid-action-ok').click();
  await waitForStage(station, 'review');
  await citizenSees(citizen, trackingNo, 'review');

  // 2. the county center grants legal aid
  const center = await h.newPage();
  await loginInBrowser(center, h.baseUrl, 'legalaid', DEMO_PASSWORD);
  await openCase(center, id);
  await center.getByTestId('aid-decision-due').waitFor();
  await openAction(center, 'decide');
  await choose(center, 'grant');
  await form(center).getByTestId('aid-action-reason').fill('申请人家庭经济困难，请求支付劳动报酬属于法律援助事项');
  await center.getByTestId('aid-action-ok').click();
  await waitForStage(center, 'granted');
  const granted = await citizenSees(citizen, trackingNo, 'granted');
  assert.match(await granted.innerText(), /光山援〔20[0-9]{2}〕[0-9]+号/, 'the case number');

  // 3. … and assigns 陈律师 (the lawyer account), who has no conflict with this employer
  await openAction(center, 'assign');
  const chen = center.locator('[data-testid=aid-suggestion][data-name=陈律师]');
  await chen.waitFor();
  assert.equal(await chen.getAttribute('data-conflict'), 'false');
  await chen.click();
  await center.getByTestId('aid-action-ok').click();
  await waitForStage(center, 'assigned');
  const assigned = await citizenSees(citizen, trackingNo, 'assigned');
  assert.match(await assigned.innerText(), /陈律师/, 'who acts for them');

  // 4. the lawyer records progress and closes the case
  const lawyer = await h.newPage();
  await loginInBrowser(lawyer, h.baseUrl, 'lawyer', DEMO_PASSWORD);
  await lawyer.goto(`${h.baseUrl}/workbench/legal-aid`);
  await lawyer.locator(`[data-testid=aid-cases-table] tr[data-row-key="${id}"]`).getByTestId('aid-case-open').click();
  await lawyer.getByTestId('aid-case-page').waitFor();
  await openAction(lawyer, 'progress');
  await form(lawyer).getByTestId('aid-action-note').fill('已向县劳动人事争议仲裁委提交仲裁申请');
  await lawyer.getByTestId('aid-action-ok').click();
  await lawyer.locator('[data-testid=aid-event][data-event-type=aidProgress]').waitFor();
  await citizenSees(citizen, trackingNo, 'assigned');
  await openAction(lawyer, 'close');
  await form(lawyer).getByTestId('aid-action-outcome').fill('仲裁调解，追回工资一万八千元');
  await form(lawyer).getByTestId('aid-action-report').fill('经仲裁委主持调解，砖厂同意一次性支付全部欠薪，当场履行完毕。');
  await lawyer.getByTestId('aid-action-ok').click();
  await waitForStage(lawyer, 'closed');
  await citizenSees(citizen, trackingNo, 'closed');

  // 5. the center archives it, every item of the file checked (the items come with the case)
  await center.getByTestId('aid-case-reload').click();
  await waitForStage(center, 'closed');
  await openAction(center, 'archive');
  const boxes = form(center).locator('label.ant-checkbox-wrapper:not(.ant-checkbox-wrapper-checked)');
  assert.equal(await boxes.count(), 8);
  while ((await boxes.count()) > 0) await boxes.first().click();
  await center.getByTestId('aid-action-ok').click();
  await waitForStage(center, 'archived');
  const kinds = await center.getByTestId('aid-document').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
  assert.deepEqual(kinds, ['application', 'receipt', 'decision', 'assignmentNotice', 'closingReport']);
  await citizenSees(citizen, trackingNo, 'archived');
  const events = await citizen.getByTestId('track-event').evaluateAll((els) => els.map((e) => e.getAttribute('data-event-type')));
  assert.ok(!events.includes('aidArchived'), "archiving the file is the center's own business");
  for (const type of ['aidApplied', 'aidForwarded', 'aidGranted', 'aidAssigned', 'aidClosed'])
    assert.ok(events.includes(type), `${type} in ${events.join(',')}`);
  assert.ok(!events.includes('aidProgress'), "the lawyer's internal notes stay inside");
});
