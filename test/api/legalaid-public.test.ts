import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { assertError } from '../helpers/http.js';

/* The portal's side of legal aid: the means only when they are tested, the local standard, the proxy's phone. */

let t: TestApp;
let station: Session;
let admin: Session;
before(async () => {
  t = await startTestApp();
  station = await t.login('station-411522101');
  admin = await t.login('admin');
});
after(() => t.close());

const PHONE = '13977778888';
const PROXY = '13711112222';
let n = 0;
const apply = (more: Record<string, unknown>) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/public/legal-aid/applications',
    remoteAddress: `10.47.0.${n++ % 250}`,
    payload: {
      name: '陈秀梅',
      phone: PHONE,
      regionCode: '411522101203',
      description: '丈夫长期家暴，想起诉离婚并申请人身安全保护令。',
      channel: 'web',
      applicantKind: 'self',
      matterCategory: 'other',
      aidForm: 'litigationAgency',
      ...more,
    },
  });
const look = (trackingNo: string, phone: string) =>
  t.app.inject({ url: `/api/v1/public/legal-aid/${trackingNo}?phone=${phone}`, remoteAddress: `10.48.0.${n++ % 250}` });
async function caseOf(trackingNo: string) {
  const list = (await t.as(station, { url: `/api/v1/legal-aid/cases?queue=all&search=${trackingNo}` })).json();
  return (await t.as(station, { url: `/api/v1/legal-aid/cases/${list.items[0].id}` })).json();
}

test('with a no-means-test ground or an exemption, income and family may be left out: stored as null, not 0', async () => {
  const res = await apply({ noMeansTest: 'abuseVictim', monthlyIncome: null });
  assert.equal(res.statusCode, 201, res.body);
  const c = await caseOf(res.json().trackingNo);
  assert.equal(c.monthlyFamilyIncome, null, 'no income given: none stored');
  assert.equal(c.familySize, 1);
  const hardship = c.eligibility.criteria.find((k: { code: string }) => k.code === 'hardship');
  assert.equal(hardship.passed, true);
  assert.match(hardship.reason, /不受经济困难条件限制/);
  const row = await t.db.selectFrom('aid_cases').select('monthly_family_income').where('id', '=', c.id).executeTakeFirstOrThrow();
  assert.equal(row.monthly_family_income, null);

  const exempt = await apply({
    matterCategory: 'labourRemuneration',
    exemption: 'migrantWorker',
    exemptionProof: true,
    familyMembers: undefined,
    monthlyIncome: undefined,
  });
  assert.equal(exempt.statusCode, 201, exempt.body);
  const e = await caseOf(exempt.json().trackingNo);
  assert.equal(e.monthlyFamilyIncome, null);
  assert.match(e.eligibility.criteria.find((k: { code: string }) => k.code === 'hardship').reason, /免予核查/);
});

test('without a ground or an exemption the income is required (coded 422 with both languages)', async () => {
  const res = await apply({ monthlyIncome: null, familyMembers: [] });
  const body = assertError(res, 422, 'AID_MEANS_REQUIRED');
  assert.match(body.message, /月收入/);
  assert.match(body.messageEn, /income/);
  assertError(await apply({ familyMembers: [] }), 422, 'AID_MEANS_REQUIRED');
  const zero = await apply({ monthlyIncome: 0, familyMembers: [] });
  assert.equal(zero.statusCode, 201, zero.body);
});

test('the standard in force today for a region, for the form: threshold, basis and whether a pledge is accepted', async () => {
  const res = await t.app.inject({ url: '/api/v1/public/legal-aid/standard?regionCode=411522101203' });
  assert.equal(res.statusCode, 200, res.body);
  const s = res.json();
  assert.equal(s.regionCode, '41', "the province's standard (the demo's), longest prefix");
  assert.equal(s.basis, 'multipleOfBase');
  assert.equal(s.threshold, 1900);
  assert.equal(s.pledgeAllowed, true);
  assert.match(res.headers['cache-control'] as string, /max-age/);

  // the county sets its own: the longer prefix wins from its first day
  const created = await t.as(admin, {
    method: 'POST',
    url: '/api/v1/legal-aid/standards',
    payload: { regionCode: '411522', basis: 'perCapitaIncome', amount: 1200, effectiveFrom: '2020-01-01' },
  });
  assert.equal(created.statusCode, 201, created.body);
  const settings = (await t.as(admin, { url: '/api/v1/legal-aid/settings' })).json();
  const patched = await t.as(admin, {
    method: 'PATCH',
    url: '/api/v1/legal-aid/settings',
    payload: { version: settings.version, pledgeAllowed: false },
  });
  assert.equal(patched.statusCode, 200, patched.body);
  const county = (await t.app.inject({ url: '/api/v1/public/legal-aid/standard?regionCode=411522' })).json();
  assert.deepEqual(
    { regionCode: county.regionCode, threshold: county.threshold, basis: county.basis, pledgeAllowed: county.pledgeAllowed },
    { regionCode: '411522', threshold: 1200, basis: 'perCapitaIncome', pledgeAllowed: false },
  );
  const back = await t.as(admin, {
    method: 'PATCH',
    url: '/api/v1/legal-aid/settings',
    payload: { version: patched.json().version, pledgeAllowed: true },
  });
  assert.equal(back.statusCode, 200);

  assertError(await t.app.inject({ url: '/api/v1/public/legal-aid/standard?regionCode=110101' }), 404, 'AID_STANDARD_MISSING');
  assertError(await t.app.inject({ url: '/api/v1/public/legal-aid/standard?regionCode=12ab' }), 400, 'VALIDATION_FAILED');
});

test("a relative who applied for a detained person tracks the case with their own phone (and may object); a stranger's phone is 404", async () => {
  const res = await apply({
    name: '王小军',
    phone: PHONE,
    applicantKind: 'relativeOfDetained',
    proxy: { name: '王大海', relation: '父亲', phone: PROXY },
    matterCategory: 'criminalDefence',
    aidForm: 'criminalDefence',
    monthlyIncome: 800,
    familyMembers: [],
  });
  assert.equal(res.statusCode, 201, res.body);
  const { trackingNo } = res.json();

  const byProxy = await look(trackingNo, PROXY);
  assert.equal(byProxy.statusCode, 200, byProxy.body);
  assert.equal(byProxy.json().legalAid.stage, 'firstReview');
  assert.ok(byProxy.json().legalAid.firstReviewDueAt, "the station's first-review period is shown");
  assert.equal(byProxy.json().request.trackingNo, trackingNo, 'with the request view, for the page');
  assert.ok(byProxy.json().request.timeline.some((e: { type: string }) => e.type === 'aidApplied'));
  assert.equal(JSON.stringify(byProxy.json()).includes(PHONE), false, "the applicant's phone is not shown to the proxy");
  assert.equal((await look(trackingNo, PHONE)).statusCode, 200, 'the applicant still can');
  assertError(await look(trackingNo, '13800001111'), 404, 'NOT_FOUND');

  // the generic look-up is unchanged: it knows the applicant's phone only
  const generic = await t.app.inject({ url: `/api/v1/public/requests/${trackingNo}?phone=${PROXY}`, remoteAddress: '10.49.0.1' });
  assertError(generic, 404, 'NOT_FOUND');

  const row = await t.db.selectFrom('aid_cases').select(['proxy_phone_hash', 'proxy_phone_enc']).where('case_no', 'is', null).execute();
  assert.ok(
    row.every((r) => r.proxy_phone_hash === null || !r.proxy_phone_hash.includes(PROXY)),
    'a blind index, not the number',
  );
});

test('a request that is not legal aid is not found through the legal aid look-up with a made-up proxy', async () => {
  const plain = await t.app.inject({
    method: 'POST',
    url: '/api/v1/public/requests',
    remoteAddress: '10.49.0.2',
    payload: {
      serviceItem: 'consultation',
      name: '赵一',
      phone: PHONE,
      regionCode: '411522101203',
      description: '咨询土地承包合同问题。',
      channel: 'web',
    },
  });
  assert.equal(plain.statusCode, 201, plain.body);
  assertError(await look(plain.json().trackingNo, PROXY), 404, 'NOT_FOUND');
  const own = (await look(plain.json().trackingNo, PHONE)).json();
  assert.equal(own.legalAid, null);
  assert.equal(own.request.trackingNo, plain.json().trackingNo);
});
