import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowserHarness, type BrowserHarness } from '../helpers/browser.js';
import { testConfig } from '../helpers/db.js';
import { seedKnowledge } from '../../server/modules/knowledge/library.js';
import { readReferenceData } from '../../server/reference-data.js';

/*
 * 智能咨询 on a phone: a worker hurt on a building site asks in his own words, reads the rules with the words
 * marked, follows a reference inside an article, comes back, and hands the question to a lawyer; and the law
 * library from its list to an article and back to the law's contents.
 */

let h: BrowserHarness;
before(async () => {
  h = await startBrowserHarness();
  // the test database starts without the library (LEGALHUB_SEED_KNOWLEDGE=no): import the shipped one
  const { library } = await readReferenceData(testConfig({ seedKnowledge: 'auto' }));
  const report = await seedKnowledge(h.t.db, library!);
  assert.ok(report, 'the library is imported');
});
after(() => h.close());

const QUESTION = '在工地干活摔伤了老板不管';
const TOWN = '411522101'; // 十里镇
const VILLAGE = '411522101203'; // 吴明村
const PHONE = '13955551234';

test('a citizen asks in plain words, reads the rules, follows a reference, and asks a lawyer with the question filled in', async () => {
  const page = await h.newPage({ width: 390, height: 844 });
  await page.goto(h.baseUrl);

  // the home page's entry opens the question page (nothing typed yet: the examples to tap)
  await page.getByTestId('portal-nav-ask').click();
  await page.getByTestId('ask-form').waitFor();
  assert.ok((await page.getByTestId('ask-example').count()) >= 3, 'examples to tap');
  await page.getByTestId('ask-question').fill(QUESTION);
  await page.getByTestId('ask-town').selectOption(TOWN);
  await page.getByTestId('ask-village').selectOption(VILLAGE);
  await page.getByTestId('ask-submit').click();
  await page.getByTestId('ask-result').waitFor();
  assert.equal(await page.getByTestId('ask-asked-question').innerText(), QUESTION);

  // (a) the rules: 工伤保险条例 among them, the words found marked — as <mark> elements, not markup from the server
  const laws = await page.locator('[data-testid=ask-article] .kb-card__law').allInnerTexts();
  assert.ok(
    laws.some((l) => l.includes('工伤保险条例')),
    `工伤保险条例 among ${laws.join(' ')}`,
  );
  const injury = page.getByTestId('ask-article').filter({ hasText: '工伤保险条例' }).first();
  const marked = await injury.locator('[data-testid=ask-snippet] mark').allInnerTexts();
  assert.ok(marked.length > 0, 'the words found are marked');
  assert.ok(
    marked.some((m) => /工伤|用人单位|保险/.test(m)),
    `marked: ${marked.join(',')}`,
  );

  // (c) who can help: legal aid at the town station of the village given, with the reason in plain words
  const aid = page.locator('[data-testid=ask-service][data-service-item=legalAid]');
  assert.match(await aid.getByTestId('ask-service-site').innerText(), /十里镇公共法律服务工作站/);
  assert.equal(await aid.locator('[data-reason]').first().getAttribute('data-reason'), 'injuryAid');
  assert.match(await aid.innerText(), /法律援助/);
  assert.equal(await aid.getByTestId('ask-service-apply').getAttribute('href'), '/legal-aid');
  // (d) a lawyer, 12348 and what the answer is not
  assert.equal(await page.getByTestId('ask-hotline').getAttribute('href'), 'tel:12348');
  assert.match(await page.getByTestId('ask-disclaimer').innerText(), /仅供参考，不构成法律意见/);

  // an article in full, and a reference inside it to another article
  const askUrl = page.url();
  await page.getByTestId('ask-article').filter({ hasText: '社会保险法' }).getByTestId('ask-article-link').click();
  await page.getByTestId('article-text').waitFor();
  assert.equal(await page.getByTestId('article-title').innerText(), '第四十一条');
  assert.match(await page.getByTestId('article-version').innerText(), /2018-12-29/);
  const ref = page.getByTestId('article-ref').first();
  assert.equal(await ref.innerText(), '第六十三条');
  const target = await ref.getAttribute('data-article-id');
  await ref.click();
  await page.waitForURL(`**/laws/articles/${target}`);
  await page.locator('[data-testid=article-title]', { hasText: '第六十三条' }).waitFor();
  assert.equal(await page.getByTestId('article-law').innerText(), '中华人民共和国社会保险法');

  // back twice: the answer again, as it was
  await page.goBack();
  await page.locator('[data-testid=article-title]', { hasText: '第四十一条' }).waitFor();
  await page.goBack();
  await page.getByTestId('ask-result').waitFor();
  assert.equal(page.url(), askUrl);

  // 问律师: the consultation form with the question and the place already filled in
  await page.getByTestId('ask-lawyer').click();
  await page.getByTestId('apply-form').waitFor();
  assert.equal(new URL(page.url()).pathname, '/apply');
  assert.ok(!page.url().includes(encodeURIComponent(QUESTION)), 'the question rides in history, not in the address');
  await page.locator('[data-testid=apply-item] option[value=consultation]').waitFor({ state: 'attached' });
  assert.equal(await page.getByTestId('apply-item').inputValue(), 'consultation');
  assert.equal(await page.getByTestId('apply-description').inputValue(), QUESTION);
  assert.equal(await page.getByTestId('apply-town').inputValue(), TOWN);
  assert.equal(await page.getByTestId('apply-village').inputValue(), VILLAGE);
  await page.getByTestId('apply-name').fill('李建国');
  await page.getByTestId('apply-phone').fill(PHONE);
  await page.getByTestId('apply-submit').click();

  const shown = page.getByTestId('apply-tracking-no');
  await shown.waitFor();
  const trackingNo = (await shown.getAttribute('data-tracking-no')) ?? '';
  assert.match(trackingNo, /^[0-9]{6}[0-9A-Z]{8}$/);
  const stored = await h.t.db
    .selectFrom('service_requests')
    .select(['service_item', 'description', 'region_code', 'channel'])
    .where('tracking_no', '=', trackingNo)
    .executeTakeFirstOrThrow();
  assert.deepEqual(stored, { service_item: 'consultation', description: QUESTION, region_code: VILLAGE, channel: 'web' });
});

test('the law library: a law by category, its contents, an article, and a search with the words marked', async () => {
  const page = await h.newPage({ width: 390, height: 844 });
  await page.goto(h.baseUrl);
  await page.getByTestId('portal-nav-laws').click();
  await page.getByTestId('laws-page').waitFor();
  await page.getByTestId('laws-group').first().waitFor();
  const groups = await page.getByTestId('laws-group').evaluateAll((els) => els.map((e) => e.getAttribute('data-category')));
  assert.deepEqual(groups, ['law', 'regulation', 'interpretation']);

  await page.locator('[data-testid=laws-group][data-category=regulation] [data-testid=law-link]', { hasText: '工伤保险条例' }).click();
  await page.getByTestId('law-toc').waitFor();
  assert.equal(await page.getByTestId('law-name').innerText(), '工伤保险条例');
  const chapters = await page.getByTestId('law-chapter').allInnerTexts();
  assert.ok(chapters.includes('第三章 工伤认定'), chapters.join(','));
  await page.locator('[data-testid=law-article]', { has: page.locator('.kb-article-link__no', { hasText: /^第十四条$/ }) }).click();
  await page.locator('[data-testid=article-title]', { hasText: '第十四条' }).waitFor();
  assert.match(await page.getByTestId('article-text').innerText(), /应当认定为工伤/);
  // 上一条 / 下一条
  await page.getByTestId('article-next').click();
  await page.locator('[data-testid=article-title]', { hasText: '第十五条' }).waitFor();
  await page.getByTestId('article-previous').click();
  await page.locator('[data-testid=article-title]', { hasText: '第十四条' }).waitFor();
  await page.getByTestId('article-law').click();
  await page.getByTestId('law-toc').waitFor();

  // a citation typed as people type it
  await page.goto(`${h.baseUrl}/laws`);
  await page.getByTestId('laws-search-input').fill('劳动合同法第82条');
  await page.getByTestId('laws-search-submit').click();
  const first = page.getByTestId('laws-result').first();
  await first.waitFor();
  assert.match(await first.innerText(), /《中华人民共和国劳动合同法》第八十二条/);
  assert.match(new URL(page.url()).search, /q=/);
  // words: the passages found, with the words marked
  await page.getByTestId('laws-search-input').fill('拖欠工资');
  await page.getByTestId('laws-search-submit').click();
  await page.locator('[data-testid=laws-result] mark').first().waitFor();
  assert.ok((await page.getByTestId('laws-result').count()) >= 5);
});
