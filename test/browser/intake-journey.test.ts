import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { loginInBrowser, startBrowserHarness, type BrowserHarness } from '../helpers/browser.js';
import { DEMO_PASSWORD } from '../helpers/db.js';
import { seedAccepted } from '../helpers/requests.js';

let h: BrowserHarness;
before(async () => {
  h = await startBrowserHarness();
});
after(() => h.close());

const PHONE = '13987654321';

async function act(page: Page, action: string, fill?: (page: Page) => Promise<void>) {
  await page.getByTestId(`request-action-${action}`).click();
  if (fill) await fill(page);
  await page.getByTestId('action-ok').click();
}

test('a citizen applies on the portal, the town station handles it, the citizen tracks and rates it', async () => {
  // 1. the citizen, on a phone-sized screen
  const citizen = await h.newPage({ width: 390, height: 844 });
  await citizen.goto(`${h.baseUrl}/apply?item=mediation`);
  await citizen.getByTestId('apply-form').waitFor();
  await citizen.getByTestId('apply-item').selectOption('mediation');
  await citizen.getByTestId('apply-name').fill('王大妈');
  await citizen.getByTestId('apply-phone').fill(PHONE);
  await citizen.getByTestId('apply-town').selectOption('411522101');
  await citizen.getByTestId('apply-village').selectOption('411522101203');
  await citizen.getByTestId('apply-description').fill('邻居在我家门口堆放柴草，多次协商不成，想请村里调解。');
  await citizen.getByTestId('apply-submit').click();
  const shown = citizen.getByTestId('apply-tracking-no');
  await shown.waitFor();
  const trackingNo = (await shown.getAttribute('data-tracking-no')) ?? '';
  assert.match(trackingNo, /^[0-9]{6}[0-9A-Z]{8}$/);
  // the receipt with the tracking page's QR code, and the number once more by text
  const qr = citizen.getByTestId('receipt-qr');
  await qr.waitFor();
  assert.ok(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), 'the QR code is drawn');
  await citizen.getByTestId('receipt-send-sms').click();
  await citizen.getByTestId('receipt-sms-sent').waitFor();
  assert.match(await citizen.getByTestId('receipt-sms-sent').innerText(), /139\*{4}4321/);
  if (process.env.SCREENSHOT_DIR) {
    await citizen.evaluate(() => window.scrollTo(0, 0));
    await citizen.screenshot({ path: `${process.env.SCREENSHOT_DIR}/portal-apply-done.png`, fullPage: true });
  }

  // 2. the 十里镇 station finds it waiting, accepts it, asks for materials, resumes and concludes
  const station = await h.newPage();
  await loginInBrowser(station, h.baseUrl, 'station-411522101', DEMO_PASSWORD);
  await station.getByTestId('menu-requests').click();
  await station.getByTestId('queue-unassigned').click();
  const row = station.locator('[data-testid=requests-table] tr[data-row-key]', { hasText: trackingNo.slice(6, 10) });
  await row.first().waitFor();
  await row.first().getByTestId('request-open').click();
  await station.getByTestId('request-page').waitFor();
  const status = station.getByTestId('request-status');
  await act(station, 'accept');
  await station.waitForFunction(() => document.querySelector('[data-testid=request-status]')?.getAttribute('data-status') === 'accepted');
  await act(station, 'requestMaterials', async (p) => {
    await p.getByTestId('action-item').first().fill('村委会出具的情况说明');
  });
  await station.waitForFunction(
    () => document.querySelector('[data-testid=request-status]')?.getAttribute('data-status') === 'awaitingMaterials',
  );
  await act(station, 'resume');
  await station.waitForFunction(() => document.querySelector('[data-testid=request-status]')?.getAttribute('data-status') === 'accepted');
  await act(station, 'conclude', async (p) => {
    await p.getByTestId('action-result').fill('经村调委会调解，双方达成协议，柴草三日内移走。');
  });
  await station.waitForFunction(() => document.querySelector('[data-testid=request-status]')?.getAttribute('data-status') === 'concluded');
  assert.equal(await status.getAttribute('data-status'), 'concluded');
  // the timeline reloads after the status (a busy machine shows the new status a moment before the new line)
  await station.locator('[data-testid=timeline-event][data-event-type=concluded]').waitFor();
  const events = await station.getByTestId('timeline-event').evaluateAll((els) => els.map((e) => e.getAttribute('data-event-type')));
  for (const type of ['submitted', 'dispatched', 'accepted', 'materialsRequested', 'resumed', 'concluded'])
    assert.ok(events.includes(type), type);

  // 3. the citizen tracks it with the number and the phone, and rates it
  await citizen.goto(`${h.baseUrl}/track?no=${trackingNo}`);
  await citizen.getByTestId('track-phone').fill(PHONE);
  await citizen.getByTestId('track-submit').click();
  await citizen.getByTestId('track-status').waitFor();
  assert.equal(await citizen.getByTestId('track-status').getAttribute('data-status'), 'concluded');
  assert.match(await citizen.getByTestId('track-timeline').innerText(), /十里镇公共法律服务工作站/);
  await citizen.getByTestId('evaluation-grade-5').click();
  await citizen.getByTestId('evaluation-comment').fill('调解员很耐心');
  await citizen.getByTestId('evaluation-submit').click();
  await citizen.getByTestId('evaluation-done').waitFor();

  const stored = await h.t.db
    .selectFrom('evaluations as e')
    .innerJoin('service_requests as r', 'r.id', 'e.request_id')
    .select(['e.grade', 'e.comment'])
    .where('r.tracking_no', '=', trackingNo)
    .executeTakeFirst();
  assert.deepEqual(stored, { grade: 5, comment: '调解员很耐心' });
});

test('after a 不满意 rating the supervisor records the rectification on the feedback page', async () => {
  const { t } = h;
  const sub = await t.app.inject({
    method: 'POST',
    url: '/api/v1/public/requests',
    remoteAddress: '10.50.0.1',
    payload: {
      serviceItem: 'mediation',
      name: '李大爷',
      phone: '13911112222',
      regionCode: '411522101203',
      description: '宅基地边界纠纷，请求调解。',
      channel: 'web',
    },
  });
  const { trackingNo } = sub.json();
  const station = await t.login('station-411522101');
  const list = (await t.as(station, { url: '/api/v1/requests?queue=unassigned&limit=200' })).json();
  const r = list.items.find((x: { trackingNo: string }) => x.trackingNo === trackingNo);
  await t.as(station, { method: 'POST', url: `/api/v1/requests/${r.id}/accept`, payload: {} });
  await t.as(station, { method: 'POST', url: `/api/v1/requests/${r.id}/conclude`, payload: { result: '告知当事人可向法院起诉' } });
  const rated = await t.app.inject({
    method: 'POST',
    url: `/api/v1/public/requests/${trackingNo}/evaluation`,
    remoteAddress: '10.50.0.2',
    payload: { phone: '13911112222', grade: 2, attitude: 3, efficiency: 1, competence: 2, comment: '等了很久才有人联系' },
  });
  assert.equal(rated.statusCode, 201);

  const page = await h.newPage();
  await loginInBrowser(page, h.baseUrl, 'supervisor', DEMO_PASSWORD);
  await page.getByTestId('menu-feedback').click();
  const row = page.locator('[data-testid=rectifications-table] tr[data-row-key]', { hasText: '等了很久才有人联系' });
  await row.waitFor();
  await row.getByTestId('rectification-complete').click();
  await page.locator('.ant-modal textarea').fill('已约谈办理人，建立当日联系制度，并向当事人致歉。');
  await page.locator('.ant-modal .ant-btn-primary').click();
  await row.waitFor({ state: 'detached' });
  const stored = await t.db
    .selectFrom('rectifications as x')
    .innerJoin('service_requests as s', 's.id', 'x.request_id')
    .select(['x.status', 'x.measures'])
    .where('s.tracking_no', '=', trackingNo)
    .executeTakeFirstOrThrow();
  assert.deepEqual(stored, { status: 'done', measures: '已约谈办理人，建立当日联系制度，并向当事人致歉。' });
});

test('a station hands a matter of another town to that town’s station, picked from the list of the county’s stations', async () => {
  const stationApi = await h.t.login('station-411522101');
  const r = await seedAccepted(h.t, stationApi);
  const other = await h.t.db
    .selectFrom('sites')
    .select(['id', 'name'])
    .where('kind', '=', 'station')
    .where('region_code', 'not like', '411522101%')
    .where('is_public', '=', true)
    .orderBy('region_code')
    .executeTakeFirstOrThrow();

  const station = await h.newPage();
  await loginInBrowser(station, h.baseUrl, 'station-411522101', DEMO_PASSWORD);
  await station.goto(`${h.baseUrl}/workbench/requests/${r.id}`);
  await station.getByTestId('request-page').waitFor();
  await act(station, 'transfer', async (p) => {
    await p.getByTestId('action-site').click();
    await p.keyboard.type(other.name);
    await p.locator('.ant-select-item-option', { hasText: other.name }).first().click();
    await p.getByTestId('action-reason').fill('纠纷发生地不在本镇，转所在镇工作站办理');
  });
  await station.waitForFunction(() => document.querySelector('[data-testid=request-status]')?.getAttribute('data-status') === 'dispatched');
  const row = await h.t.db
    .selectFrom('service_requests')
    .select(['handler_site_id', 'status'])
    .where('id', '=', r.id)
    .executeTakeFirstOrThrow();
  assert.deepEqual(row, { handler_site_id: other.id, status: 'dispatched' });
});
