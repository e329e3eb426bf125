import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { loginInBrowser, startBrowserHarness, type BrowserHarness } from '../helpers/browser.js';
import { DEMO_PASSWORD } from '../helpers/db.js';

let h: BrowserHarness;
before(async () => {
  h = await startBrowserHarness();
});
after(() => h.close());

test('a station user signs in and sees only 十里镇 sites and staff', async () => {
  const page = await h.newPage();
  await loginInBrowser(page, h.baseUrl, 'station-411522101', DEMO_PASSWORD);
  assert.match(await page.getByTestId('header-site').innerText(), /十里镇公共法律服务工作站/);

  await page.getByTestId('menu-sites').click();
  const siteRows = page.locator('[data-testid=sites-table] tr[data-row-key]');
  await siteRows.first().waitFor();
  const sites = await siteRows.allInnerTexts();
  assert.equal(sites.length, 14, `1 station and 13 rooms, got ${sites.length}`);
  assert.ok(sites.some((s) => s.includes('十里镇公共法律服务工作站')));
  assert.ok(sites.some((s) => s.includes('吴明村公共法律服务室')));
  assert.ok(!sites.some((s) => s.includes('光山县公共法律服务中心')), 'the county center is not in a town scope');

  await page.getByTestId('menu-staff').click();
  const staffRows = page.locator('[data-testid=staff-table] tr[data-row-key]');
  await staffRows.first().waitFor();
  const usernames = await page.locator('[data-testid=staff-table] [data-testid=staff-username]').allInnerTexts();
  assert.ok(usernames.length > 0);
  for (const u of usernames) assert.match(u.trim(), /^(station-411522101|room-411522101\d{3})$/, `only 十里镇 staff, got ${u}`);
  assert.ok(!usernames.includes('admin'));
});

test('the portal home shows the county network in Chinese, and 吴明 finds its room', async () => {
  const page = await h.newPage({ width: 390, height: 844 });
  await page.goto(h.baseUrl);
  await page.getByTestId('center-card').waitFor();
  assert.match(await page.getByTestId('center-card').innerText(), /光山县公共法律服务中心/);
  assert.equal(await page.getByTestId('town').count(), 19);
  await page.getByTestId('site-search').fill('吴明');
  await page.getByText('吴明村公共法律服务室').first().waitFor();
  assert.match(await page.getByTestId('hotline').innerText(), /12348/);
});
