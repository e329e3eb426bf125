import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { loginInBrowser, startBrowserHarness, type BrowserHarness } from '../helpers/browser.js';
import { DEMO_PASSWORD } from '../helpers/db.js';
import { staffIdOf, submitPublic, WUMING } from '../helpers/requests.js';

const PHONE = { width: 390, height: 844 };
const ROOM = `room-${WUMING}`;

let h: BrowserHarness;
before(async () => {
  h = await startBrowserHarness();
});
after(() => h.close());

async function fitsTheScreen(page: Page, what: string) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE.width, `${what}: the page is ${width}px wide on a ${PHONE.width}px screen`);
}

const waitForStatus = (page: Page, status: string) =>
  page.waitForFunction((s) => document.querySelector('[data-testid=request-status]')?.getAttribute('data-status') === s, status);

test('on a 390 px phone the village adviser hears of a new consultation by the bell, opens it from the notice, accepts and answers it', async () => {
  const page = await h.newPage(PHONE);
  await loginInBrowser(page, h.baseUrl, ROOM, DEMO_PASSWORD);
  // the adviser is at the intake form (taking down a visitor's matter) when the question comes in
  await page.goto(`${h.baseUrl}/workbench/requests/new`);
  await page.getByTestId('intake-form').waitFor();

  // a villager of 吴明村 asks a question on the portal: it is routed to the village room's adviser
  const asked = await submitPublic(h.t, {
    serviceItem: 'consultation',
    name: '周大姐',
    regionCode: WUMING,
    description: '丈夫去世后，婆家不让我继续承包村里的地，我该怎么办？',
  });
  assert.equal(asked.statusCode, 201, asked.body);
  const { trackingNo } = asked.json() as { trackingNo: string };
  // the number as the notice may print it: bare or in its groups
  const shownNo = new RegExp(`${trackingNo.slice(0, 6)}-?${trackingNo.slice(6, 10)}-?${trackingNo.slice(10)}`);

  // the adviser moves on to 首页 (the counts are asked again on every page): the drawer menu counts the unread
  // notice beside 工单办理, and the bell counts it too
  await page.getByTestId('menu-open').click();
  await page.getByTestId('menu-drawer').waitFor();
  await page.getByTestId('menu-home').click();
  await page.getByTestId('menu-open').click();
  await page.getByTestId('menu-unread-requests').waitFor();
  await page.getByTestId('menu-requests').click();
  await page.getByTestId('requests-page').waitFor();
  await page.locator('[data-testid=notifications-count] .ant-badge-count').waitFor();
  await page.getByTestId('notifications-bell').click();
  const notice = page.getByTestId('notification-item').filter({ hasText: shownNo });
  await notice.waitFor();
  assert.equal(await notice.getAttribute('data-read'), 'false');
  const readAll = await page.getByTestId('notifications-read-all').boundingBox();
  assert.ok(readAll && readAll.x + readAll.width <= PHONE.width, `全部已读 on the screen, at ${JSON.stringify(readAll)}`);
  await fitsTheScreen(page, 'the notices');

  // the notice opens the request
  await notice.click();
  await page.getByTestId('request-page').waitFor();
  assert.match(await page.getByTestId('request-tracking-no').innerText(), shownNo);
  assert.match(await page.getByTestId('request-description').innerText(), /承包/);
  await fitsTheScreen(page, 'the request');

  await page.getByTestId('request-action-accept').click();
  await page.getByTestId('action-ok').click();
  await waitForStatus(page, 'accepted');
  await page.getByTestId('request-action-conclude').click();
  await page
    .getByTestId('action-result')
    .fill('妇女的土地承包权受法律保护，婆家无权收回。可先找村委会调解，调解不成可向镇政府申请处理或向法院起诉。');
  await page.getByTestId('action-ok').click();
  await waitForStatus(page, 'concluded');
  await page.getByTestId('request-result').waitFor();
  await fitsTheScreen(page, 'the concluded request');

  // the notice is read now
  await page.getByTestId('notifications-bell').click();
  await page.getByTestId('notifications-list').waitFor();
  assert.equal(await page.getByTestId('notification-item').filter({ hasText: shownNo }).getAttribute('data-read'), 'true');

  const stored = await h.t.db
    .selectFrom('service_requests')
    .select(['status', 'handler_id', 'result'])
    .where('tracking_no', '=', trackingNo)
    .executeTakeFirstOrThrow();
  assert.equal(stored.status, 'concluded');
  assert.equal(stored.handler_id, await staffIdOf(h.t, ROOM));
  assert.match(stored.result ?? '', /土地承包权/);
});
