import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { loginInBrowser, startBrowserHarness, type BrowserHarness } from '../helpers/browser.js';
import { DEMO_PASSWORD } from '../helpers/db.js';
import { freshPhone, seedAccepted, stepOk } from '../helpers/requests.js';

/*
 * 在线咨询 to a public Q&A: a worker's question answered by the duty lawyer; he follows up on his phone, the
 * lawyer answers again in the workbench, he reads it; the lawyer turns the consultation into an anonymised Q&A
 * draft, the consultation desk is stopped from publishing it with a phone number left in, removes it and publishes;
 * the public search finds it.
 */

let h: BrowserHarness;
before(async () => {
  h = await startBrowserHarness();
});
after(() => h.close());

const NAME = '李桂芳';
const FOLLOW_UP = '仲裁要交钱吗？我只有微信上的工资转账记录，算不算证据？';
const REPLY = '劳动仲裁不收费。微信工资转账记录、工友证言、考勤记录都可以作为证据，请保存好原件。';

/** The tracking page on a phone, looked up with the number and the phone the citizen gave. */
async function track(page: Page, trackingNo: string, phone: string) {
  await page.goto(`${h.baseUrl}/track?no=${trackingNo}`);
  await page.getByTestId('track-phone').fill(phone);
  await page.getByTestId('track-submit').click();
  await page.getByTestId('consultation-thread').waitFor();
}

const messages = (page: Page) =>
  page
    .getByTestId('consultation-message')
    .evaluateAll((els) => els.map((e) => [e.getAttribute('data-author'), (e as HTMLElement).innerText] as const));

test('a consultation followed up on the phone, answered again, then published as an anonymised Q&A and found', async () => {
  // asked on the portal for the county as a whole; the center's duty lawyer answers it
  const phone = freshPhone();
  const lawyerApi = await h.t.login('lawyer');
  const asked = await seedAccepted(h.t, lawyerApi, {
    serviceItem: 'consultation',
    regionCode: '411522',
    name: NAME,
    phone,
    description: `我叫${NAME}，电话${phone}，在县城工地干了五个月，老板一直没跟我签劳动合同，现在不让干了，能要双倍工资吗？`,
  });
  await stepOk(h.t, lawyerApi, asked.id, 'conclude', {
    result:
      '根据劳动合同法第八十二条，用人单位超过一个月不满一年未与劳动者订立书面劳动合同的，应当每月支付二倍工资。建议先协商，协商不成申请劳动仲裁。',
  });

  // 1. the citizen reads the answer on his phone and asks again
  const citizen = await h.newPage({ width: 390, height: 844 });
  await track(citizen, asked.trackingNo, phone);
  assert.match(await citizen.getByTestId('consultation-hint').innerText(), /答复后 7 日内可以追问/);
  await citizen.getByTestId('consultation-send').click();
  await citizen.locator('[data-testid=consultation-form] .field__problem').waitFor();
  await citizen.getByTestId('consultation-body').fill(FOLLOW_UP);
  await citizen.getByTestId('consultation-send').click();
  await citizen.getByTestId('consultation-sent').waitFor();
  const shown = await messages(citizen);
  assert.equal(shown.length, 1);
  assert.equal(shown[0]![0], 'citizen');
  assert.match(shown[0]![1], /我的追问/);
  assert.ok(shown[0]![1].includes(FOLLOW_UP));
  const stored = await h.t.db.selectFrom('consultation_messages').select(['author', 'body']).where('request_id', '=', asked.id).execute();
  assert.deepEqual(stored, [{ author: 'citizen', body: FOLLOW_UP }]);

  // 2. the lawyer sees the follow-up on the request page and answers
  const lawyer = await h.newPage();
  await loginInBrowser(lawyer, h.baseUrl, 'lawyer', DEMO_PASSWORD);
  await lawyer.goto(`${h.baseUrl}/workbench/requests/${asked.id}`);
  const fromCitizen = lawyer.locator('[data-testid=consultation-message][data-author=citizen]');
  await fromCitizen.waitFor();
  assert.match(await fromCitizen.innerText(), new RegExp(`群众 ${NAME}`));
  assert.match(await fromCitizen.innerText(), /只有微信上的工资转账记录/);
  await lawyer.getByTestId('consultation-reply').fill(REPLY);
  await lawyer.getByTestId('consultation-send').click();
  const fromLawyer = lawyer.locator('[data-testid=consultation-message][data-author=staff]');
  await fromLawyer.waitFor();
  assert.match(await fromLawyer.innerText(), /12348值班律师/, 'staff see who answered');
  const texted = await h.t.db.selectFrom('outbox').select('template').where('request_id', '=', asked.id).execute();
  assert.ok(
    texted.some((o) => o.template === 'consultationAnswered'),
    JSON.stringify(texted),
  );

  // 3. the citizen looks again and reads the lawyer's answer (labelled as the lawyer's, without a name)
  await track(citizen, asked.trackingNo, phone);
  const answer = citizen.locator('[data-testid=consultation-message][data-author=staff]');
  await answer.waitFor();
  const answerText = await answer.innerText();
  assert.match(answerText, /律师的答复/);
  assert.match(answerText, /劳动仲裁不收费/);
  assert.doesNotMatch(answerText, /12348值班律师/);

  // 4. the lawyer turns it into a Q&A draft: in review, anonymised, linked to the consultation
  await lawyer.getByTestId('consultation-to-qa').click();
  await lawyer.locator('[data-testid=kb-entry-page][data-status=review]').waitFor();
  await lawyer.getByTestId('kb-anonymised').waitFor();
  assert.match(await lawyer.getByTestId('kb-anonymised').innerText(), /已自动去除姓名、电话、身份证号、住址，发布前请再核对/);
  const entryId = Number(await lawyer.getByTestId('kb-entry-page').getAttribute('data-entry-id'));
  const title = await lawyer.getByTestId('kb-title').inputValue();
  const body = await lawyer.getByTestId('kb-body').inputValue();
  for (const secret of [NAME, phone]) assert.ok(!`${title}\n${body}`.includes(secret), `${secret} left in the draft`);
  assert.match(title, /^我电话［手机号］/);
  assert.match(body, /追问：仲裁要交钱吗/);
  assert.match(body, /答复：劳动仲裁不收费/);
  assert.equal(await lawyer.getByTestId('kb-source-request').getAttribute('href'), `/workbench/requests/${asked.id}`);

  // 5. the consultation desk finds it waiting for review; a phone typed back in stops publishing
  const desk = await h.newPage();
  await loginInBrowser(desk, h.baseUrl, 'consult', DEMO_PASSWORD);
  await desk.getByTestId('menu-knowledge').click();
  await desk.getByTestId('kb-entries-page').waitFor();
  assert.ok(Number(await desk.getByTestId('kb-count-review').innerText()) >= 1);
  const row = desk.locator(`[data-testid=kb-table] tr[data-row-key="${entryId}"]`);
  await row.waitFor();
  assert.equal(await row.getByTestId('kb-status').getAttribute('data-status'), 'review');
  await row.getByTestId('kb-entry-open').click();
  await desk.locator(`[data-testid=kb-entry-page][data-entry-id="${entryId}"]`).waitFor();
  const actions = await desk
    .getByTestId('kb-actions')
    .locator('button')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  assert.deepEqual(actions, ['kb-action-edit', 'kb-action-publish'], 'exactly what the server allows');

  await desk.getByTestId('kb-body').fill(`${body}\n如有疑问请拨打 13987651234`);
  await desk.getByTestId('kb-action-publish').click();
  await desk.getByTestId('confirm-ok').click();
  const refusal = desk.getByTestId('kb-personal-data');
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /手机号、身份证号/);
  assert.match(await refusal.innerText(), /13987651234/);
  assert.equal(
    (await h.t.db.selectFrom('kb_entries').select('status').where('id', '=', entryId).executeTakeFirstOrThrow()).status,
    'review',
  );

  await desk.getByTestId('kb-body').fill(body);
  await desk.getByTestId('kb-action-publish').click();
  await desk.getByTestId('confirm-ok').click();
  await desk.locator('[data-testid=kb-entry-page][data-status=published]').waitFor();
  assert.deepEqual(
    await desk
      .getByTestId('kb-actions')
      .locator('button')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid'))),
    ['kb-action-edit', 'kb-action-archive'],
  );
  await desk.getByTestId('kb-public-link').waitFor();

  // 6. in the database and in the public search
  const row2 = await h.t.db
    .selectFrom('kb_entries')
    .select(['status', 'origin', 'from_request_id', 'title', 'body', 'published_at'])
    .where('id', '=', entryId)
    .executeTakeFirstOrThrow();
  assert.equal(row2.status, 'published');
  assert.equal(row2.origin, 'consultation');
  assert.equal(row2.from_request_id, asked.id);
  assert.ok(row2.published_at);
  for (const secret of [NAME, phone, '13987651234']) assert.ok(!`${row2.title}${row2.body}`.includes(secret), secret);
  const audited = await h.t.db
    .selectFrom('audit_log')
    .select(['action', 'actor_username'])
    .where('entity_id', '=', String(entryId))
    .execute();
  assert.ok(
    audited.some((a) => a.action === 'knowledge.publish' && a.actor_username === 'consult'),
    JSON.stringify(audited),
  );
  const found = await h.t.app.inject({
    url: `/api/v1/knowledge/search?q=${encodeURIComponent('工地干了五个月没签劳动合同能要双倍工资吗')}&kind=qa&limit=20`,
  });
  assert.equal(found.statusCode, 200, found.body);
  assert.ok(
    (found.json() as { items: { id: number }[] }).items.some((i) => i.id === entryId),
    found.body.slice(0, 500),
  );
  assert.equal((await h.t.app.inject({ url: `/api/v1/knowledge/entries/${entryId}` })).statusCode, 200);
});
