import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { loginInBrowser, startBrowserHarness, type BrowserHarness } from '../helpers/browser.js';
import { DEMO_PASSWORD, TEST_HOTLINE_SECRET } from '../helpers/db.js';
import { sign } from '../../server/modules/hotline/calls.service.js';

/*
 * The 12348 hotline in the workbench: the consultation desk puts the duty lawyer on this week's shifts, the
 * lawyer asks for a swap that the desk accepts on the roster; a call the telephony system opened is completed by
 * the lawyer, another is turned into a service request on the hotline channel; the month's figures show both.
 */

let h: BrowserHarness;
let consult: Page;
let lawyer: Page;
let lawyerId: string;
let consultId: string;
before(async () => {
  h = await startBrowserHarness();
  consult = await h.newPage();
  lawyer = await h.newPage();
  await loginInBrowser(consult, h.baseUrl, 'consult', DEMO_PASSWORD);
  await loginInBrowser(lawyer, h.baseUrl, 'lawyer', DEMO_PASSWORD);
  const staff = await h.t.db.selectFrom('staff').select(['id', 'username']).where('username', 'in', ['consult', 'lawyer']).execute();
  lawyerId = staff.find((s) => s.username === 'lawyer')!.id;
  consultId = staff.find((s) => s.username === 'consult')!.id;
});
after(() => h.close());

/** The county's calendar day (the browser runs in Asia/Shanghai too). */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

async function pickOption(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
}

const cell = (page: Page, day: string, shift: 'am' | 'pm') =>
  page.locator(`[data-testid=roster-cell][data-day="${day}"][data-shift=${shift}]`);

test('the desk puts the lawyer on this week’s shifts; the lawyer asks for a swap, the desk accepts it on the roster', async () => {
  await consult.getByTestId('menu-hotlineRoster').click();
  await consult.getByTestId('roster-grid').waitFor();
  const day = today();
  assert.equal(await consult.locator('[data-testid=roster-cell][data-now]').getAttribute('data-day'), day, 'the current shift is marked');

  await consult.getByTestId('roster-add-open').click();
  await consult.getByTestId('roster-add-form').waitFor();
  await pickOption(consult, 'roster-add-staff', '12348值班律师');
  const slots = consult.getByTestId('roster-add-slot');
  assert.equal(await slots.count(), 14, 'Monday to Sunday, morning and afternoon');
  for (let i = 0; i < 14; i++) await slots.nth(i).check();
  await consult.getByTestId('roster-add-save').click();
  await consult.getByTestId('roster-add-form').waitFor({ state: 'hidden' });
  const lawyerEntries = consult.locator(`[data-testid=roster-entry][data-staff-id="${lawyerId}"]`);
  await consult.waitForFunction(
    (id) => document.querySelectorAll(`[data-testid=roster-entry][data-staff-id="${id}"]`).length === 14,
    lawyerId,
  );
  assert.equal(await lawyerEntries.count(), 14);
  assert.equal(
    (await h.t.db.selectFrom('hotline_roster').select('id').where('staff_id', '=', lawyerId).execute()).length,
    14,
    'one row per half-day',
  );

  // the lawyer cannot schedule, but asks the desk to take this afternoon
  await lawyer.getByTestId('menu-hotlineRoster').click();
  const afternoon = cell(lawyer, day, 'pm').locator(`[data-testid=roster-entry][data-staff-id="${lawyerId}"]`);
  await afternoon.waitFor();
  await afternoon.getByTestId('roster-swap').click();
  await lawyer.getByTestId('swap-form').waitFor();
  await pickOption(lawyer, 'swap-to', '中心法律咨询');
  await lawyer.getByTestId('swap-reason').fill('下午要去县法院出庭');
  await lawyer.getByTestId('swap-submit').click();
  await afternoon.getByTestId('roster-swap-pending').waitFor();
  assert.match(await afternoon.getByTestId('roster-swap-pending').innerText(), /等待 中心法律咨询 确认/);
  assert.equal(await afternoon.getByTestId('swap-accept').count(), 0, 'only the colleague answers');

  await consult.reload();
  const asked = cell(consult, day, 'pm').getByTestId('roster-swap-pending');
  await asked.waitFor();
  assert.match(await asked.innerText(), /下午要去县法院出庭/);
  await asked.getByTestId('swap-accept').click();
  await cell(consult, day, 'pm').locator(`[data-testid=roster-entry][data-staff-id="${consultId}"]`).waitFor();
  assert.equal(await cell(consult, day, 'pm').getByTestId('roster-swap-pending').count(), 0);
  const row = await h.t.db
    .selectFrom('hotline_roster')
    .select('staff_id')
    .where('day', '=', day)
    .where('shift', '=', 'pm')
    .executeTakeFirstOrThrow();
  assert.equal(row.staff_id, consultId, 'the afternoon is the desk’s now');
});

test('a call the telephony system opened shows as 待补全 for the lawyer, who completes it', async () => {
  const send = async (body: object) => {
    const raw = JSON.stringify(body);
    const res = await h.t.app.inject({
      method: 'POST',
      url: '/api/v1/hotline/events',
      headers: { 'content-type': 'application/json', 'x-legalhub-signature': sign(TEST_HOTLINE_SECRET, raw) },
      payload: raw,
    });
    assert.equal(res.statusCode, 202, res.body);
    return res.json() as { id: number };
  };
  const started = new Date(Date.now() - 60_000);
  const { id } = await send({
    type: 'call.started',
    callId: 'pbx-browser-1',
    at: started.toISOString(),
    caller: '13911112222',
    agent: 'lawyer',
  });
  await send({
    type: 'call.ended',
    callId: 'pbx-browser-1',
    at: new Date(started.getTime() + 390_000).toISOString(),
    answered: true,
    durationSeconds: 390,
  });

  await lawyer.getByTestId('menu-hotline').click();
  const row = lawyer.locator(`[data-testid=hotline-calls-table] tr[data-row-key="${id}"]`);
  await row.waitFor();
  assert.equal(await row.getByTestId('call-outcome-tag').getAttribute('data-outcome'), 'open');
  const text = await row.innerText();
  assert.match(text, /待补全/);
  assert.match(text, /139\*\*\*\*2222/, 'the number masked');
  assert.match(text, /06:30/, 'the duration as mm:ss');
  await lawyer.getByTestId('calls-open-alert').waitFor();

  await row.getByTestId('call-complete').click();
  const form = lawyer.getByTestId('call-form');
  await form.waitFor();
  await pickOption(lawyer, 'call-category', '劳动工资');
  await lawyer.getByTestId('call-summary').fill('工地欠薪三个月，包工头失联');
  await lawyer.getByTestId('call-answer').fill('可向劳动监察投诉或申请劳动仲裁，农民工讨薪可申请法律援助');
  await form.getByText('已转办').click();
  await lawyer.getByTestId('call-save').click();
  await form.getByText('请选择或填写转至的部门').waitFor();
  await form.getByText('其他部门').click();
  await lawyer.getByTestId('call-transfer-other').fill('县人社局劳动保障监察大队');
  await lawyer.locator('[data-testid=call-satisfaction] li').nth(4).locator('[role=radio]').click();
  await lawyer.getByTestId('call-save').click();
  await form.waitFor({ state: 'hidden' });
  await lawyer.waitForFunction(
    (key) =>
      document.querySelector(`tr[data-row-key="${key}"] [data-testid=call-outcome-tag]`)?.getAttribute('data-outcome') === 'transferred',
    String(id),
  );
  assert.match(await row.innerText(), /转至 县人社局劳动保障监察大队/);
  assert.equal(await lawyer.getByTestId('calls-open-alert').count(), 0, 'nothing left to complete');
  const stored = await h.t.db
    .selectFrom('hotline_calls')
    .select(['category', 'summary', 'outcome', 'transferred_to', 'satisfaction', 'staff_id'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  assert.deepEqual(stored, {
    category: 'labour',
    summary: '工地欠薪三个月，包工头失联',
    outcome: 'transferred',
    transferred_to: '县人社局劳动保障监察大队',
    satisfaction: 5,
    staff_id: lawyerId,
  });
});

test('a call logged by hand is turned into a service request on the hotline channel', async () => {
  await lawyer.getByTestId('call-log').click();
  const form = lawyer.getByTestId('call-form');
  await form.waitFor();
  await lawyer.getByTestId('call-minutes').fill('10');
  await lawyer.getByTestId('call-seconds').fill('5');
  await lawyer.getByTestId('call-phone').fill('13933334444');
  await pickOption(lawyer, 'call-category', '土地房产');
  await lawyer.getByTestId('call-summary').fill('邻居在宅基地界线上砌墙，要求村里调解');
  await form.getByText('已解答').click();
  await lawyer.getByTestId('call-save').click();
  await form.waitFor({ state: 'hidden' });
  const row = lawyer.locator('[data-testid=hotline-calls-table] tr[data-row-key]').filter({ hasText: '宅基地界线' });
  await row.waitFor();
  assert.match(await row.innerText(), /10:05/);

  await row.getByTestId('call-to-request').click();
  const request = lawyer.getByTestId('call-request-form');
  await request.waitFor();
  assert.equal(
    await lawyer.getByTestId('call-request-description').inputValue(),
    '邻居在宅基地界线上砌墙，要求村里调解',
    'the summary comes along',
  );
  await pickOption(lawyer, 'call-request-item', '人民调解');
  await lawyer.getByTestId('call-request-name').fill('陈大爷');
  await lawyer.getByTestId('call-request-region').click();
  await lawyer.keyboard.type('吴明');
  await lawyer.locator('.ant-cascader-dropdown:visible .ant-cascader-menu-item').filter({ hasText: '吴明' }).first().click();
  await lawyer.getByTestId('call-request-submit').click();
  const done = lawyer.getByTestId('call-request-tracking-no');
  await done.waitFor();
  const trackingNo = await done.getAttribute('data-tracking-no');
  assert.ok(trackingNo);
  const made = await h.t.db
    .selectFrom('service_requests')
    .select(['id', 'channel', 'service_item', 'region_code', 'requester_name', 'requester_phone_masked'])
    .where('tracking_no', '=', trackingNo)
    .executeTakeFirstOrThrow();
  assert.deepEqual(
    { ...made, id: undefined },
    {
      id: undefined,
      channel: 'hotline',
      service_item: 'mediation',
      region_code: '411522101203',
      requester_name: '陈大爷',
      requester_phone_masked: '139****4444',
    },
  );
  await lawyer.getByTestId('call-request-close').click();
  await row.getByTestId('call-request-link').waitFor();
  assert.equal(await row.getByTestId('call-outcome-tag').getAttribute('data-outcome'), 'request');
  assert.equal(await row.getByTestId('call-to-request').count(), 0, 'only once');
  await row.getByTestId('call-request-link').click();
  await lawyer.waitForURL(`**/workbench/requests/${made.id}`);
});

test('the figures page shows the month’s counts for the lawyer', async () => {
  await consult.getByTestId('menu-hotlineFigures').click();
  const row = consult.locator(`[data-testid=figures-table] tr[data-row-key="${lawyerId}"]`);
  await row.waitFor();
  assert.equal(await row.getByTestId('figures-calls').innerText(), '2');
  assert.equal(await row.getByTestId('figures-answered').innerText(), '2');
  assert.equal(await row.getByTestId('figures-missed').innerText(), '0');
  assert.equal(await row.getByTestId('figures-transferred').innerText(), '1');
  assert.equal(await row.getByTestId('figures-requests').innerText(), '1');
  assert.equal(await row.getByTestId('figures-answer-rate').innerText(), '100.0%');
  assert.match(await row.innerText(), /08:18/, 'the average of 6:30 and 10:05');
  assert.match(await row.getByTestId('figures-satisfaction').innerText(), /5\.00\s*1 人评价/);
  assert.equal(await consult.getByTestId('figures-total-calls').innerText(), '2');
});
