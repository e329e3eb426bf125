import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { loginInBrowser, startBrowserHarness, type BrowserHarness } from '../helpers/browser.js';
import type { Session } from '../helpers/app.js';
import { DEMO_PASSWORD } from '../helpers/db.js';
import { seedActiveStaff, siteIdOf } from '../helpers/factories.js';
import { freshAddress } from '../helpers/http.js';
import { WUMING } from '../helpers/requests.js';
import { fit, MARKUP, PWNED } from '../helpers/hostile.js';

/*
 * Text that people type is shown to other people: a citizen's name and question to the desk, a follow-up to the
 * lawyer, a lawyer's answer to the citizen, a Q&A published on the portal, a hotline call's summary, a legal aid
 * application. Each is stored here through the real API with markup that would run if a page put it into the
 * document as HTML (a script, an onerror image, an SVG onload, a javascript: link, an alert), then the pages that
 * show it are opened in Chromium: nothing runs, no dialog opens, the CSP reports nothing, no element from the
 * text appears in the page, and the text reads exactly as typed.
 */

let h: BrowserHarness;
let admin: Session;
/** a consultation desk colleague whose own display name is hostile: it shows as the author of answers */
let desk: Session & { password: string };

const ALERT = `<img src=x onerror="alert('xss:'+document.domain)">`;
/** A long text with every payload, bidi and zero-width characters and an SQL fragment in it. */
const TEXT = `甲 ${[...MARKUP, ALERT].join(' ')} ' OR 1=1 -- 文件\u202etxt.exe 零\u200b宽 乙`;
const NAME = fit(`王<img src=x onerror=window.${PWNED}='name'>`, 1, 40);
const DESK_NAME = fit(`律师<svg onload=window.${PWNED}='author'>`, 1, 40);
const PHONE = '13955557777';
const AID_PHONE = '13955558888';

const seeded = { requestId: '', trackingNo: '', entryId: 0, caseId: '', callId: 0 };

before(async () => {
  h = await startBrowserHarness();
  const t = h.t;
  admin = await t.login('admin');
  desk = await seedActiveStaff(t, admin, {
    username: 'hostile-desk',
    displayName: DESK_NAME,
    siteId: await siteIdOf(t, 'center', '411522'),
    // a supervisor may answer on any consultation in the county; the desk writes and publishes Q&A
    posts: ['consultationDesk', 'supervisor'],
  });
  const ok = (res: { statusCode: number; body: string }, status = 201) => assert.equal(res.statusCode, status, res.body);

  // a citizen's consultation: name and question, a follow-up; the desk's answer
  const asked = await t.app.inject({
    method: 'POST',
    url: '/api/v1/public/requests',
    remoteAddress: freshAddress(),
    payload: { serviceItem: 'consultation', name: NAME, phone: PHONE, regionCode: WUMING, description: TEXT, channel: 'web' },
  });
  ok(asked);
  seeded.trackingNo = asked.json().trackingNo;
  seeded.requestId = (
    await t.db.selectFrom('service_requests').select('id').where('tracking_no', '=', seeded.trackingNo).executeTakeFirstOrThrow()
  ).id;
  ok(
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/requests/${seeded.trackingNo}/messages`,
      remoteAddress: freshAddress(),
      payload: { phone: PHONE, body: `追问：${TEXT}` },
    }),
  );
  ok(await t.as(desk, { method: 'POST', url: `/api/v1/requests/${seeded.requestId}/messages`, payload: { body: `答复：${TEXT}` } }));

  // a Q&A written by the desk, sent for review and published
  const entry = await t.as(desk, {
    method: 'POST',
    url: '/api/v1/knowledge/admin/entries',
    payload: { kind: 'qa', title: `邻居占用宅基地怎么办 ${TEXT}`.slice(0, 300), body: `可以先请村委会调解。${TEXT}`, refs: [] },
  });
  ok(entry);
  seeded.entryId = entry.json().id;
  let version = entry.json().version as number;
  for (const step of ['submit', 'publish']) {
    const res = await t.as(desk, {
      method: 'POST',
      url: `/api/v1/knowledge/admin/entries/${seeded.entryId}/${step}`,
      payload: { version },
    });
    ok(res, 200);
    version = res.json().version;
  }

  // a hotline call's summary and answer
  const call = await t.as(desk, {
    method: 'POST',
    url: '/api/v1/hotline/calls',
    payload: { startedAt: new Date().toISOString(), durationSeconds: 120, summary: `来电：${TEXT}`, answer: `解答：${TEXT}` },
  });
  ok(call);
  seeded.callId = call.json().id;

  // a legal aid application
  const aid = await t.app.inject({
    method: 'POST',
    url: '/api/v1/public/legal-aid/applications',
    remoteAddress: freshAddress(),
    payload: {
      name: NAME,
      phone: AID_PHONE,
      regionCode: WUMING,
      description: `援助：${TEXT}`,
      opposingParty: fit(`对方<script>window.${PWNED}='party'</script>`, 0, 100),
      channel: 'web',
      applicantKind: 'self',
      matterCategory: 'other',
      aidForm: 'litigationAgency',
      noMeansTest: 'abuseVictim',
    },
  });
  ok(aid);
  seeded.caseId = (
    await t.db
      .selectFrom('aid_cases as c')
      .innerJoin('service_requests as r', 'r.id', 'c.request_id')
      .select('c.id')
      .where('r.tracking_no', '=', aid.json().trackingNo)
      .executeTakeFirstOrThrow()
  ).id;
});
after(() => h.close());

interface Watched {
  page: Page;
  dialogs: string[];
  cspMessages: string[];
}

/** A page that records dialogs, CSP violation events and the console's CSP refusals. */
async function watchedPage(viewport?: { width: number; height: number }): Promise<Watched> {
  const page = await h.newPage(viewport);
  const watched: Watched = { page, dialogs: [], cspMessages: [] };
  page.on('dialog', (d) => {
    watched.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) watched.cspMessages.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
  });
  return watched;
}

/** Nothing of the stored text ran or became an element, and `texts` read exactly as stored. */
async function assertSafe(w: Watched, where: string, texts: { testId?: string; selector?: string; text: string }[]) {
  const { page } = w;
  for (const { testId, selector, text } of texts) {
    const locator = testId ? page.getByTestId(testId) : page.locator(selector!);
    await locator.first().waitFor();
    const shown = await locator.evaluateAll((els) =>
      els.map((e) => (e instanceof HTMLTextAreaElement || e instanceof HTMLInputElement ? e.value : (e.textContent ?? ''))),
    );
    assert.ok(
      shown.some((s) => s.includes(text)),
      `${where}: ${testId ?? selector} shows ${JSON.stringify(text.slice(0, 60))} literally; it shows ${JSON.stringify(shown.map((s) => s.slice(0, 80)))}`,
    );
  }
  // let an image's error, an SVG's load and a timer fire, if anything of the text had become markup
  await page.waitForTimeout(300);
  const state = await page.evaluate((flag) => {
    const w = window as unknown as Record<string, unknown>;
    return {
      ran: w[flag] ?? null,
      csp: w.__csp as string[],
      injected: [
        ...document.querySelectorAll(
          'img[src="x"], svg[onload], [onerror], [onload], iframe, a[href^="javascript:"], script:not([src]), math, mglyph',
        ),
      ].map((e) => e.outerHTML.slice(0, 80)),
    };
  }, PWNED);
  assert.equal(state.ran, null, `${where}: a script from the stored text ran (${String(state.ran)})`);
  assert.deepEqual(w.dialogs, [], `${where}: no dialog`);
  assert.deepEqual(state.csp, [], `${where}: no CSP violation`);
  assert.deepEqual(w.cspMessages, [], `${where}: the console reports no CSP refusal`);
  assert.deepEqual(state.injected, [], `${where}: no element made from the stored text`);
}

test('the workbench shows hostile stored text as text: the request list and page, the consultation thread, the knowledge editor, the hotline log, the legal aid case', async () => {
  const w = await watchedPage();
  const { page } = w;
  await loginInBrowser(page, h.baseUrl, 'admin', DEMO_PASSWORD);

  await page.goto(`${h.baseUrl}/workbench/requests?queue=all`);
  await page.locator('[data-testid=requests-table] tr[data-row-key]').first().waitFor();
  await assertSafe(w, 'request list', [{ selector: '[data-testid=requests-table] tr[data-row-key]', text: NAME }]);

  await page.goto(`${h.baseUrl}/workbench/requests/${seeded.requestId}`);
  await page.getByTestId('request-page').waitFor();
  await page.getByTestId('consultation-message').nth(1).waitFor();
  await assertSafe(w, 'request page', [
    { testId: 'request-description', text: TEXT },
    { testId: 'request-details', text: NAME },
    { testId: 'consultation-message', text: `追问：${TEXT}` },
    { testId: 'consultation-message', text: `答复：${TEXT}` },
    { testId: 'consultation-message', text: DESK_NAME },
  ]);
  if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/stored-text-request.png`, fullPage: true });

  await page.goto(`${h.baseUrl}/workbench/knowledge/${seeded.entryId}`);
  await page.getByTestId('kb-entry-page').waitFor();
  await assertSafe(w, 'knowledge editor', [
    { testId: 'kb-title', text: `邻居占用宅基地怎么办 ${TEXT}`.slice(0, 300) },
    { testId: 'kb-body', text: `可以先请村委会调解。${TEXT}` },
  ]);

  await page.goto(`${h.baseUrl}/workbench/hotline`);
  await page.getByTestId('hotline-calls-page').waitFor();
  await assertSafe(w, 'hotline log', [{ testId: 'hotline-calls-page', text: `来电：${TEXT}` }]);
  // the answer shows in the summary's tooltip
  await page.locator('[data-testid=hotline-calls-page] .ant-typography', { hasText: '来电：' }).first().hover();
  await assertSafe(w, 'hotline answer', [{ selector: '[role=tooltip]', text: `解答：${TEXT}` }]);

  await page.goto(`${h.baseUrl}/workbench/legal-aid/${seeded.caseId}`);
  await page.getByTestId('aid-case-page').waitFor();
  await assertSafe(w, 'legal aid case', [
    { testId: 'aid-case-page', text: NAME },
    { testId: 'aid-case-page', text: `援助：${TEXT}` },
    { testId: 'aid-opposing-party', text: `对方<script>window.${PWNED}='party'</script>` },
  ]);
});

test('the portal shows hostile stored text as text: the tracking page’s consultation thread, the published Q&A, the smart consultation’s similar questions', async () => {
  const w = await watchedPage({ width: 390, height: 844 });
  const { page } = w;
  await page.goto(`${h.baseUrl}/track?no=${seeded.trackingNo}`);
  await page.getByTestId('track-phone').fill(PHONE);
  await page.getByTestId('track-submit').click();
  await page.getByTestId('consultation-thread').waitFor();
  await page.getByTestId('consultation-message').nth(1).waitFor();
  await assertSafe(w, 'tracking page', [
    { testId: 'consultation-message', text: `追问：${TEXT}` },
    { testId: 'consultation-message', text: `答复：${TEXT}` },
  ]);

  await page.goto(`${h.baseUrl}/qa/${seeded.entryId}`);
  await page.getByTestId('qa-page').waitFor();
  await assertSafe(w, 'published Q&A', [
    { testId: 'qa-question', text: `邻居占用宅基地怎么办 ${TEXT}`.slice(0, 300) },
    { testId: 'qa-answer', text: `可以先请村委会调解。` },
    { testId: 'qa-page', text: DESK_NAME },
  ]);
  // the answer's paragraphs are the stored text, split only at line breaks
  const answer = (await page.getByTestId('qa-answer').textContent()) ?? '';
  assert.ok(answer.includes(TEXT), `the answer reads as stored: ${answer.slice(0, 120)}`);

  await page.goto(`${h.baseUrl}/ask?q=${encodeURIComponent('邻居占用宅基地怎么办')}`);
  await page.getByTestId('ask-result').waitFor();
  await assertSafe(w, 'smart consultation', [{ testId: 'ask-result', text: '邻居占用宅基地怎么办' }]);
});
