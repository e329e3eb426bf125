import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { testConfig } from '../helpers/db.js';
import { assertError } from '../helpers/http.js';
import { noticesAbout, seedAccepted, stepOk } from '../helpers/requests.js';
import { importLaws, readJsonLines, type LawRecord } from '../../server/modules/knowledge/library.js';

/*
 * 在线咨询: a question from the portal, answered by the center's lawyer through the intake model; follow-ups
 * both ways for 7 days; and an answered consultation turned into a public Q&A only after anonymisation and
 * review.
 */

let t: TestApp;
let lawyer: Session;
let consult: Session;
let legalAid: Session;
before(async () => {
  t = await startTestApp();
  lawyer = await t.login('lawyer');
  consult = await t.login('consult');
  legalAid = await t.login('legalaid');
  // the Labour Contract Law only (the whole library is imported by the knowledge tests)
  const laws = await readJsonLines<LawRecord>(testConfig().lawsFile);
  await importLaws(
    t.db,
    laws.filter((r) => r.law === '中华人民共和国劳动合同法'),
  );
});
after(() => t.close());

let n = 0;
const PHONE = '13912345678';
async function answered(description: string, name = '王秀英') {
  // asked for the county as a whole: the center's consultation desk takes it
  const r = await seedAccepted(t, lawyer, { serviceItem: 'consultation', regionCode: '411522', description, name, phone: PHONE });
  const view = await stepOk(t, lawyer, r.id, 'conclude', {
    result: '根据劳动合同法第八十二条，未订立书面劳动合同超过一个月的，可以主张二倍工资，建议先协商，协商不成申请劳动仲裁。',
  });
  return { ...r, view };
}
const thread = (r: { trackingNo: string }, phone = PHONE) =>
  t.app.inject({ url: `/api/v1/public/requests/${r.trackingNo}/messages?phone=${phone}`, remoteAddress: `10.77.0.${n++ % 250}` });
const ask = (r: { trackingNo: string }, body: string, phone = PHONE) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/public/requests/${r.trackingNo}/messages`,
    payload: { phone, body },
    remoteAddress: `10.77.1.${n++ % 250}`,
  });

test('after the answer the citizen follows up; the lawyer is told and answers again; the citizen is texted', async () => {
  const r = await answered('在工地干了五个月没签劳动合同，能要双倍工资吗？');
  const first = await thread(r);
  assert.equal(first.statusCode, 200, first.body);
  assert.deepEqual(first.json(), { messages: [], canWrite: true, followUpDays: 7 });

  const asked = await ask(r, '仲裁要交钱吗？去哪里申请？');
  assert.equal(asked.statusCode, 201, asked.body);
  assert.deepEqual(
    asked.json().messages.map((m: { author: string; body: string }) => [m.author, m.body]),
    [['citizen', '仲裁要交钱吗？去哪里申请？']],
  );
  const told = await noticesAbout(t, lawyer, r.id);
  assert.ok(
    told.some((x) => x.kind === 'consultationFollowUp'),
    JSON.stringify(told),
  );

  const staffView = (await t.as(lawyer, { url: `/api/v1/requests/${r.id}/messages` })).json();
  assert.equal(staffView.canWrite, true);
  const replied = await t.as(lawyer, {
    method: 'POST',
    url: `/api/v1/requests/${r.id}/messages`,
    payload: { body: '劳动仲裁不收费，向用人单位所在地的劳动人事争议仲裁委员会申请。' },
  });
  assert.equal(replied.statusCode, 201, replied.body);
  assert.equal(replied.json().messages[1].authorName, '12348值班律师', 'staff see who answered');
  const seen = (await thread(r)).json();
  assert.equal(seen.messages.length, 2);
  assert.equal(seen.messages[1].authorName, null, 'the citizen reads "lawyer", not a name');
  const texted = await t.db.selectFrom('outbox').select(['template', 'channel']).where('request_id', '=', r.id).execute();
  assert.ok(
    texted.some((o) => o.template === 'consultationAnswered' && o.channel === 'sms'),
    JSON.stringify(texted),
  );

  // someone else at the center may read it but not answer for the lawyer
  const other = (await t.as(consult, { url: `/api/v1/requests/${r.id}/messages` })).json();
  assert.equal(other.canWrite, false);
  assertError(
    await t.as(consult, { method: 'POST', url: `/api/v1/requests/${r.id}/messages`, payload: { body: '我也来答' } }),
    403,
    'FORBIDDEN',
  );
});

test('follow-ups close 7 days after the answer; only consultations have them; wrong phone finds nothing', async () => {
  const r = await answered('欠条写错了日期还有效吗？');
  await sql`update service_requests set concluded_at = now() - interval '8 days' where id = ${r.id}`.execute(t.db);
  assert.equal((await thread(r)).json().canWrite, false);
  assertError(await ask(r, '还能再问吗？'), 409, 'FOLLOW_UP_CLOSED');
  assertError(await thread(r, '13800000000'), 404, 'NOT_FOUND');
  const mediation = await seedAccepted(t, await t.login('station-411522101'), {});
  assertError(await thread(mediation, mediation.phone), 409, 'NOT_A_CONSULTATION');
  assertError(await ask(r, ''), 400, 'VALIDATION_FAILED');
});

test('an answered consultation becomes a Q&A draft without the citizen’s name, phone or ID; published after review, then found', async () => {
  const r = await answered(
    '我叫李桂芳，电话13987651234，身份证411522198001011234，老公在外地打工，王女士说可以离婚吗？我住在十里镇吴明村三组。',
    '李桂芳',
  );
  assertError(await t.as(legalAid, { method: 'POST', url: `/api/v1/requests/${r.id}/knowledge-draft` }), 403, 'FORBIDDEN');
  const drafted = await t.as(lawyer, { method: 'POST', url: `/api/v1/requests/${r.id}/knowledge-draft` });
  assert.equal(drafted.statusCode, 201, drafted.body);
  const draft = drafted.json();
  assert.equal(draft.status, 'review');
  assert.equal(draft.origin, 'consultation');
  for (const secret of ['李桂芳', '13987651234', '411522198001011234']) assert.ok(!`${draft.title}${draft.body}`.includes(secret), secret);
  assert.match(draft.title, /^我电话［手机号］，身份证［身份证号］/, '“我叫李桂芳” leaves only 我');
  assert.match(draft.title, /［手机号］/);
  assert.ok(!draft.title.includes('吴明村三组'), 'an address told in the text goes too');
  assert.deepEqual(
    draft.refs.map((r: { law: string; article: string }) => `${r.law}${r.article}`),
    ['中华人民共和国劳动合同法第八十二条'],
    'the article the answer names becomes its citation',
  );
  const again = await t.as(lawyer, { method: 'POST', url: `/api/v1/requests/${r.id}/knowledge-draft` });
  assert.equal(again.json().id, draft.id, 'one draft per consultation');

  // a reviewer who puts a phone back is stopped at publishing
  const edited = await t.as(consult, {
    method: 'PATCH',
    url: `/api/v1/knowledge/admin/entries/${draft.id}`,
    payload: { version: draft.version, body: `${draft.body}\n如有疑问请拨打 13987651234` },
  });
  assert.equal(edited.statusCode, 200, edited.body);
  assertError(
    await t.as(consult, {
      method: 'POST',
      url: `/api/v1/knowledge/admin/entries/${draft.id}/publish`,
      payload: { version: edited.json().version },
    }),
    422,
    'KB_PERSONAL_DATA',
  );
  assertError(
    await t.as(consult, {
      method: 'PATCH',
      url: `/api/v1/knowledge/admin/entries/${draft.id}`,
      payload: { version: draft.version, body: '这是在旧版本上所作的修改内容' },
    }),
    409,
    'VERSION_CONFLICT',
  );
  const clean = await t.as(consult, {
    method: 'PATCH',
    url: `/api/v1/knowledge/admin/entries/${draft.id}`,
    payload: { version: edited.json().version, body: draft.body },
  });
  const published = await t.as(consult, {
    method: 'POST',
    url: `/api/v1/knowledge/admin/entries/${draft.id}/publish`,
    payload: { version: clean.json().version },
  });
  assert.equal(published.statusCode, 200, published.body);
  assert.equal(published.json().status, 'published');
  const found = (
    await t.app.inject({ url: `/api/v1/knowledge/search?q=${encodeURIComponent('老公在外地打工可以离婚吗')}&kind=qa` })
  ).json();
  assert.ok(
    found.items.some((i: { id: number }) => i.id === draft.id),
    JSON.stringify(found.items.map((i: { id: number }) => i.id)),
  );
  const audited = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', String(draft.id)).execute();
  assert.ok(audited.some((a) => a.action === 'knowledge.publish'));
});

test('a guide written by staff: draft, review, publish, found; archived, gone; a lawyer without publish rights cannot publish', async () => {
  const created = await t.as(lawyer, {
    method: 'POST',
    url: '/api/v1/knowledge/admin/entries',
    payload: {
      kind: 'guide',
      title: '农民工讨薪办事指南',
      body: '一、先收集工资条、考勤记录、工友证言等证据。二、向劳动保障监察投诉或申请劳动仲裁。三、可以申请法律援助，农民工讨薪免予经济困难审查。',
      refs: [],
    },
  });
  assert.equal(created.statusCode, 201, created.body);
  const g = created.json();
  assert.deepEqual([g.status, g.kind], ['draft', 'guide']);
  const hidden = (await t.app.inject({ url: `/api/v1/knowledge/search?q=${encodeURIComponent('农民工讨薪')}&kind=guide` })).json();
  assert.ok(!hidden.items.some((i: { id: number }) => i.id === g.id), 'a draft is not public');
  const submitted = (
    await t.as(lawyer, { method: 'POST', url: `/api/v1/knowledge/admin/entries/${g.id}/submit`, payload: { version: g.version } })
  ).json();
  assert.equal(submitted.status, 'review');
  const published = (
    await t.as(consult, { method: 'POST', url: `/api/v1/knowledge/admin/entries/${g.id}/publish`, payload: { version: submitted.version } })
  ).json();
  assert.equal(published.status, 'published');
  const shown = (await t.app.inject({ url: `/api/v1/knowledge/search?q=${encodeURIComponent('农民工讨薪')}&kind=guide` })).json();
  assert.equal(shown.items[0]?.id, g.id);
  assert.equal((await t.app.inject({ url: `/api/v1/knowledge/entries/${g.id}` })).statusCode, 200);
  const archived = await t.as(consult, {
    method: 'POST',
    url: `/api/v1/knowledge/admin/entries/${g.id}/archive`,
    payload: { version: published.version },
  });
  assert.equal(archived.json().status, 'archived');
  assertError(await t.app.inject({ url: `/api/v1/knowledge/entries/${g.id}` }), 404, 'NOT_FOUND');
  assertError(await t.as(legalAid, { url: '/api/v1/knowledge/admin/entries' }), 403, 'FORBIDDEN');
  assertError(
    await t.as(lawyer, {
      method: 'POST',
      url: '/api/v1/knowledge/admin/entries',
      payload: { kind: 'guide', title: '短', body: '内容太短' },
    }),
    400,
    'VALIDATION_FAILED',
  );
  assertError(
    await t.as(lawyer, {
      method: 'POST',
      url: '/api/v1/knowledge/admin/entries',
      payload: { kind: 'qa', title: '引用不存在的条文', body: '这里引用了一个不存在的条文编号。', refs: [99999999] },
    }),
    422,
    'KB_REF_INVALID',
  );
});
