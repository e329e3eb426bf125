import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { loginInBrowser, startBrowserHarness, type BrowserHarness } from '../helpers/browser.js';
import { DEMO_PASSWORD } from '../helpers/db.js';
import { submitPublic, WUMING } from '../helpers/requests.js';

/** A village adviser's phone. */
const PHONE = { width: 390, height: 844 };
const ROOM = `room-${WUMING}`;

let h: BrowserHarness;
let aidCaseId: string;
before(async () => {
  h = await startBrowserHarness();
  for (const name of ['王大妈', '李大爷'])
    assert.equal(
      (await submitPublic(h.t, { serviceItem: 'consultation', name, description: '邻居在我家门口堆放柴草，想问问怎么办。' })).statusCode,
      201,
    );
  aidCaseId = await seedAssignedAidCase();
});
after(() => h.close());

/**
 * A wages claim the room took, reviewed by its station, granted by the center with a long reason (a long value
 * beside a label is what made the table squeeze the label to one character a line) and assigned.
 */
async function seedAssignedAidCase(): Promise<string> {
  const { t } = h;
  const [room, station, center] = [await t.login(ROOM), await t.login('station-411522101'), await t.login('legalaid')];
  const res = await t.as(room, {
    method: 'POST',
    url: '/api/v1/legal-aid/cases',
    payload: {
      channel: 'walk_in',
      name: '李建国',
      phone: '13922224444',
      regionCode: WUMING,
      description: '在县城工地干了八个月，包工头拖欠工资三万二千元，多次讨要未果。',
      applicantKind: 'self',
      matterCategory: 'labourRemuneration',
      aidForm: 'labourArbitration',
      opposingParty: '光山县宏达建筑有限公司',
      familyMembers: [{ relation: '妻子', name: '王秀英', monthlyIncome: 800 }],
      monthlyIncome: 1500,
      pledge: true,
    },
  });
  assert.equal(res.statusCode, 201, res.body);
  let c = res.json() as { id: string; version: number; stage: string };
  const act = async (who: typeof room, action: string, body: object) => {
    const r = await t.as(who, {
      method: 'POST',
      url: `/api/v1/legal-aid/cases/${c.id}/${action}`,
      payload: { version: c.version, ...body },
    });
    assert.equal(r.statusCode, 200, `${action}: ${r.body}`);
    c = r.json();
  };
  assert.equal(c.stage, 'firstReview');
  await act(station, 'first-review', { opinion: 'recommendGrant', note: '情况属实，建议给予援助' });
  await act(center, 'decide', {
    decision: 'grant',
    reason: '申请人家庭经济困难，追索劳动报酬属于法律援助事项范围，符合法律援助条件。'.repeat(5),
  });
  const suggestions = (await t.as(center, { url: `/api/v1/legal-aid/cases/${c.id}/suggestions` })).json() as {
    id: string;
    fits: boolean;
  }[];
  await act(center, 'assign', { providerId: (suggestions.find((s) => s.fits) ?? suggestions[0])!.id });
  assert.equal(c.stage, 'assigned');
  return c.id;
}

/** The page is no wider than the screen: nothing to scroll sideways. */
async function fitsTheScreen(page: Page, what: string) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE.width, `${what}: the page is ${width}px wide on a ${PHONE.width}px screen`);
}

/** Wholly inside the screen's width and height (as the page lies now, without scrolling). */
async function onScreen(locator: Locator, what: string) {
  await locator.waitFor();
  const box = await locator.boundingBox();
  assert.ok(box, `${what} is shown`);
  assert.ok(
    box.x >= 0 && box.x + box.width <= PHONE.width && box.y >= 0 && box.y + box.height <= PHONE.height,
    `${what} at ${JSON.stringify(box)}`,
  );
}

test('on a 390 px phone the village adviser’s queue, request, legal aid case and intake form fit the screen, with a drawer menu', async () => {
  const page = await h.newPage(PHONE);
  await loginInBrowser(page, h.baseUrl, ROOM, DEMO_PASSWORD);

  // the queue: one column of cards, the header's 退出登录 and who I am on the screen
  await page.goto(`${h.baseUrl}/workbench/requests`);
  const cards = page.locator('[data-testid=requests-table][data-layout=cards] .row-card');
  await cards.first().waitFor();
  assert.equal(await page.locator('[data-testid=requests-table] table').count(), 0, 'no table on a phone');
  const boxes = await cards.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
  assert.ok(boxes.length >= 2, `the room's requests, got ${boxes.length}`);
  for (const [i, b] of boxes.entries()) {
    assert.equal(Math.round(b.x), Math.round(boxes[0]!.x), 'one column');
    assert.equal(Math.round(b.width), Math.round(boxes[0]!.width), 'one column');
    if (i > 0) assert.ok(b.y >= boxes[i - 1]!.y + boxes[i - 1]!.height - 1, 'each card below the one before');
  }
  assert.ok(boxes[0]!.width > PHONE.width * 0.8, `a card is as wide as the screen, got ${boxes[0]!.width}`);
  await fitsTheScreen(page, 'the queue');
  await onScreen(page.getByTestId('logout'), '退出登录');
  await onScreen(page.getByTestId('header-user'), 'the user menu');
  assert.equal(await page.getByTestId('main-menu').count(), 0, 'no side menu: it is in the drawer');

  // the request: its buttons on the screen; the accept dialog and the materials dialog within it
  await cards.first().getByTestId('request-open').click();
  await page.getByTestId('request-page').waitFor();
  await fitsTheScreen(page, 'the request page');
  await onScreen(page.getByTestId('request-action-accept'), '接收办理');
  await page.getByTestId('request-action-accept').click();
  await onScreen(page.locator('.ant-modal-container'), 'the accept dialog');
  await page.getByTestId('action-ok').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=request-status]')?.getAttribute('data-status') === 'accepted');
  await page.getByTestId('request-action-requestMaterials').click();
  const item = page.getByTestId('action-item').first();
  await onScreen(item, 'a material line');
  const [itemBox, modalBox] = [await item.boundingBox(), await page.locator('.ant-modal-container').boundingBox()];
  assert.ok(itemBox && modalBox && itemBox.x + itemBox.width <= modalBox.x + modalBox.width, 'the line stays inside the dialog');
  await fitsTheScreen(page, 'the materials dialog');
  await page.keyboard.press('Escape');

  // the legal aid case the room took, through to the decision and the lawyer
  await page.goto(`${h.baseUrl}/workbench/legal-aid/${aidCaseId}`);
  await page.getByTestId('aid-provider').waitFor();
  await fitsTheScreen(page, 'the legal aid case page');

  // the drawer menu opens and takes me to 受理登记, then closes
  await page.getByTestId('menu-open').click();
  await page.getByTestId('menu-drawer').waitFor();
  await page.getByTestId('menu-intake').click();
  await page.getByTestId('intake-form').waitFor();
  assert.match(page.url(), /\/workbench\/requests\/new$/);
  await page.getByTestId('main-menu').waitFor({ state: 'hidden' });
  await fitsTheScreen(page, 'the intake form');
  const fields = await page
    .locator('[data-testid=intake-form] .ant-form-item')
    .evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent).map((e) => Math.round(e.getBoundingClientRect().x)));
  assert.equal(new Set(fields).size, 1, `one column of fields, at x = ${[...new Set(fields)].join(', ')}`);
  await onScreen(page.getByTestId('logout'), '退出登录 on the intake form');
});

/** How many lines a label's text takes (its text's boxes, by their tops). */
const linesOf = (label: Locator) =>
  label.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
  });

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 1280, height: 800 },
])
  test(`at ${viewport.width} px the 决定与承办 card keeps each label on one line beside a long decision`, async () => {
    const page = await h.newPage(viewport);
    await loginInBrowser(page, h.baseUrl, 'legalaid', DEMO_PASSWORD);
    await page.goto(`${h.baseUrl}/workbench/legal-aid/${aidCaseId}`);
    await page.getByTestId('aid-provider').waitFor();
    const labels = page.locator('[data-testid=aid-handling] .ant-descriptions-item-label');
    assert.equal(await labels.count(), 2, '审查决定 and 承办人员');
    for (const label of await labels.all()) {
      const text = (await label.innerText()).trim();
      assert.equal(await linesOf(label), 1, `${text} on one line`);
    }
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= viewport.width);
  });

test('at 1280 px nothing of the administrator’s home (its permission tags) runs past the screen', async () => {
  const admin = await h.newPage({ width: 1280, height: 800 });
  await loginInBrowser(admin, h.baseUrl, 'admin', DEMO_PASSWORD);
  await admin.waitForLoadState('networkidle');
  const width = await admin.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 1280, `the admin's home is ${width}px wide at 1280px`);
});
