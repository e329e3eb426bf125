import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowserHarness, type BrowserHarness } from '../helpers/browser.js';
import type { Session } from '../helpers/app.js';

let h: BrowserHarness;
before(async () => {
  h = await startBrowserHarness();
});
after(() => h.close());

const PHONE = '13955556666';

async function caseOf(session: Session, trackingNo: string) {
  const list = (await h.t.as(session, { url: `/api/v1/legal-aid/cases?queue=all&search=${trackingNo}` })).json();
  assert.equal(list.items.length, 1, `the case of ${trackingNo} is in the list`);
  return (await h.t.as(session, { url: `/api/v1/legal-aid/cases/${list.items[0].id}` })).json();
}

test('a citizen applies for legal aid on a phone, tracks it, and objects to the refusal', async () => {
  const page = await h.newPage({ width: 390, height: 844 });

  // the guide and the generic form both lead a legal aid applicant to the legal aid application
  await page.goto(`${h.baseUrl}/apply?item=legalAid`);
  await page.getByTestId('aid-form').waitFor();
  assert.equal(new URL(page.url()).pathname, '/legal-aid');
  await page.goto(`${h.baseUrl}/guide?item=legalAid`);
  await page.locator('[data-testid=guide-item][data-item-code=legalAid] [data-testid=guide-apply]').click();
  await page.getByTestId('aid-form').waitFor();
  assert.equal(new URL(page.url()).pathname, '/legal-aid');

  // an empty form: the problems are next to the fields, nothing is sent
  await page.getByTestId('aid-submit').click();
  await page.locator('.field__problem').first().waitFor();
  assert.ok((await page.locator('.field__problem').count()) >= 6, 'each missing answer is marked');

  // 1–3: who, for whom, about what
  await page.getByTestId('aid-kind-self').click();
  await page.getByTestId('aid-name').fill('张秀兰');
  await page.getByTestId('aid-phone').fill(PHONE);
  await page.getByTestId('aid-town').selectOption('411522101');
  await page.getByTestId('aid-village').selectOption('411522101203');
  await page.getByTestId('aid-matter').selectOption('maintenance');
  assert.equal(await page.getByTestId('aid-help').inputValue(), 'litigationAgency', 'the usual help is chosen for the matter');
  await page.getByTestId('aid-description').fill('我今年七十二岁，两个儿子都不给赡养费，想请律师帮忙起诉要赡养费。');
  await page.getByTestId('aid-opposing-party').fill('王大强');
  await page.getByTestId('aid-has-agent-no').click();
  // 4–5: the family's means and the pledge
  await page.getByTestId('aid-own-income').fill('300');
  await page.getByTestId('aid-add-member').click();
  await page.getByTestId('aid-member-relation').fill('丈夫');
  await page.getByTestId('aid-member-name').fill('王老汉');
  await page.getByTestId('aid-member-income').fill('500');
  assert.match(await page.getByTestId('aid-summary').innerText(), /2 口人.*800 元.*400 元/);
  await page.getByTestId('aid-pledge').click();
  assert.match(await page.getByTestId('aid-materials').innerText(), /诚信承诺/);
  await page.getByTestId('aid-submit').click();

  const shown = page.getByTestId('aid-tracking-no');
  await shown.waitFor();
  const trackingNo = (await shown.getAttribute('data-tracking-no')) ?? '';
  assert.match(trackingNo, /^[0-9]{6}[0-9A-Z]{8}$/);

  // straight to the tracking page, the phone carried in history and never in the address
  await page.getByTestId('aid-track-link').click();
  await page.getByTestId('aid-panel').waitFor();
  assert.ok(!page.url().includes(PHONE));
  assert.equal(await page.getByTestId('aid-status').getAttribute('data-stage'), 'firstReview');
  assert.match(await page.getByTestId('aid-status').innerText(), /镇工作站正在初审/);

  const stored = await h.t.db
    .selectFrom('aid_cases as c')
    .innerJoin('service_requests as r', 'r.id', 'c.request_id')
    .select([
      'c.applicant_kind',
      'c.matter_category',
      'c.family_size',
      'c.monthly_family_income',
      'c.pledge',
      'c.has_agent',
      'c.region_code',
    ])
    .where('r.tracking_no', '=', trackingNo)
    .executeTakeFirstOrThrow();
  assert.deepEqual(
    { ...stored, monthly_family_income: Number(stored.monthly_family_income) },
    {
      applicant_kind: 'self',
      matter_category: 'maintenance',
      family_size: 2,
      monthly_family_income: 800,
      pledge: true,
      has_agent: false,
      region_code: '411522101203',
    },
  );

  // the town station forwards it; the center refuses it
  const station = await h.t.login('station-411522101');
  const center = await h.t.login('legalaid');
  let c = await caseOf(station, trackingNo);
  const forwarded = await h.t.as(station, {
    method: 'POST',
    url: `/api/v1/legal-aid/cases/${c.id}/first-review`,
    payload: { version: c.version, opinion: 'recommendRefuse', note: '经核实，对方已按月支付部分赡养费' },
  });
  assert.equal(forwarded.statusCode, 200, forwarded.body);
  c = await caseOf(center, trackingNo);
  const REASON = '经核实，申请人已获得赡养费，不符合法律援助条件';
  const refused = await h.t.as(center, {
    method: 'POST',
    url: `/api/v1/legal-aid/cases/${c.id}/decide`,
    payload: { version: c.version, decision: 'refuse', reason: REASON },
  });
  assert.equal(refused.statusCode, 200, refused.body);

  // the citizen looks again: the refusal, its reason, and the way to object
  await page.goto(`${h.baseUrl}/track?no=${trackingNo}`);
  await page.getByTestId('track-phone').fill(PHONE);
  await page.getByTestId('track-submit').click();
  await page.getByTestId('aid-panel').waitFor();
  assert.equal(await page.getByTestId('aid-status').getAttribute('data-stage'), 'refused');
  assert.equal(await page.getByTestId('aid-reason').innerText(), REASON);
  // 第四十九条 sets no period: the page offers the objection without a last day
  assert.match(await page.getByTestId('objection-deadline').innerText(), /您可以向县司法局提出异议/);
  const events = await page.getByTestId('track-event').evaluateAll((els) => els.map((e) => e.getAttribute('data-event-type')));
  for (const type of ['aidApplied', 'aidForwarded', 'aidRefused']) assert.ok(events.includes(type), `${type} in ${events.join(',')}`);

  await page.getByTestId('objection-submit').click();
  await page.locator('#objection-grounds-problem').waitFor();
  const GROUNDS = '两个儿子一分钱也没给过，我和老伴每月只有八百元收入，请求重新审查。';
  await page.getByTestId('objection-grounds').fill(GROUNDS);
  await page.getByTestId('objection-submit').click();
  await page.getByTestId('objection-status').waitFor();
  assert.equal(await page.getByTestId('objection-status').getAttribute('data-decision'), '');
  assert.equal(await page.getByTestId('objection-form').count(), 0, 'no second objection while one is under review');

  const objection = await h.t.db
    .selectFrom('aid_objections as o')
    .innerJoin('aid_cases as c', 'c.id', 'o.case_id')
    .innerJoin('service_requests as r', 'r.id', 'c.request_id')
    .select(['o.against', 'o.grounds', 'o.filed_via', 'o.decision'])
    .where('r.tracking_no', '=', trackingNo)
    .executeTakeFirstOrThrow();
  assert.deepEqual(objection, { against: 'refusal', grounds: GROUNDS, filed_via: 'portal', decision: null });
});
