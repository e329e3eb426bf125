import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { assertError, findFullMobile } from '../helpers/http.js';
import { seedTownAdmin, staffIdOf } from '../helpers/factories.js';

/*
 * The legal aid administration API: the bureau's objection list, the provider pool's linked accounts and phones,
 * and ending or removing a hardship standard.
 */

let t: TestApp;
let admin: Session;
let center: Session;
let bureau: Session;
/** an administrator of 十里镇 (411522101): the objections of its villages, and no more */
let townAdmin: Session;
/** an administrator of another town (411522215) */
let otherTown: Session;
before(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  center = await t.login('legalaid');
  bureau = await t.login('supervisor');
  townAdmin = await seedTownAdmin(t, admin, '411522101');
  otherTown = await seedTownAdmin(t, admin, '411522215');
});
after(() => t.close());

/** The county's calendar day, `days` from today. */
const countyDay = (days = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * 86_400_000));

// —— objections ————————————————————————————————————————————————————————————————————————————————————————

let n = 0;
/** A refused application with an objection filed on the portal; returns the case and the objection's id. */
async function objectedCase(phone = '13966661111') {
  const res = await t.as(center, {
    method: 'POST',
    url: '/api/v1/legal-aid/cases',
    payload: {
      name: '周海燕',
      phone,
      regionCode: '411522101203',
      description: '邻居占用宅基地，多次协商无果。',
      channel: 'walk_in',
      applicantKind: 'self',
      matterCategory: 'other',
      aidForm: 'consultation',
      opposingParty: `邻居${n++}`,
      familyMembers: [],
      monthlyIncome: 90_000,
    },
  });
  assert.equal(res.statusCode, 201, res.body);
  const c = res.json();
  const refused = await t.as(center, {
    method: 'POST',
    url: `/api/v1/legal-aid/cases/${c.id}/decide`,
    payload: { version: c.version, decision: 'refuse', reason: '收入高于经济困难标准' },
  });
  assert.equal(refused.statusCode, 200, refused.body);
  const objected = await t.app.inject({
    method: 'POST',
    url: `/api/v1/public/legal-aid/${c.trackingNo}/objections`,
    remoteAddress: `10.61.0.${n++ % 250}`,
    payload: { phone, grounds: '收入为一次性补偿，请求复查' },
  });
  assert.equal(objected.statusCode, 201, objected.body);
  return { c: refused.json(), objectionId: objected.json().id as string };
}
const list = (session: Session | null, query = '') => t.as(session, { url: `/api/v1/legal-aid/objections${query}` });
async function decide(objectionId: string, version: number, decision: 'uphold' | 'correct') {
  const res = await t.as(bureau, {
    method: 'POST',
    url: `/api/v1/legal-aid/objections/${objectionId}/decision`,
    payload: { version, decision, reason: decision === 'correct' ? '一次性补偿不计入收入，责令重新审查' : '原决定并无不当' },
  });
  assert.equal(res.statusCode, 200, res.body);
}

test('the bureau lists pending objections with the case and a masked phone; a correction stays listed as decided', async () => {
  const { c, objectionId } = await objectedCase('13966661111');
  const pending = await list(bureau, '?state=pending');
  assert.equal(pending.statusCode, 200, pending.body);
  assert.equal(findFullMobile(pending.body), null, 'no full phone in the list');
  const item = pending.json().items.find((o: { id: string }) => o.id === objectionId);
  assert.ok(item, 'the new objection is pending');
  assert.equal(item.caseId, c.id);
  assert.equal(item.trackingNo, c.trackingNo);
  assert.equal(item.applicantName, '周海燕');
  assert.equal(item.phoneMasked, '139****1111');
  assert.equal(item.against, 'refusal');
  assert.equal(item.grounds, '收入为一次性补偿，请求复查');
  assert.equal(item.filedVia, 'portal');
  assert.equal(item.dueState, 'normal');
  assert.equal(item.decision, null);
  assert.equal(item.decidedBy, null);
  assert.equal(
    (await list(bureau)).json().items.some((o: { id: string }) => o.id === objectionId),
    true,
    'pending by default',
  );

  await decide(objectionId, item.version, 'correct');
  const back = (await t.as(center, { url: `/api/v1/legal-aid/cases/${c.id}` })).json();
  assert.equal(back.stage, 'review', 'the case went back to review: the case list no longer shows it among objections');
  assert.equal(
    (await list(bureau, '?state=pending')).json().items.some((o: { id: string }) => o.id === objectionId),
    false,
  );
  const decided = (await list(bureau, '?state=decided')).json();
  const done = decided.items.find((o: { id: string }) => o.id === objectionId);
  assert.ok(done, 'a correction is still listed, as decided');
  assert.equal(done.decision, 'correct');
  assert.equal(done.decisionReason, '一次性补偿不计入收入，责令重新审查');
  assert.equal(done.decidedBy, '司法局督办');
  assert.ok(done.decidedAt);
  assert.equal(done.dueState, 'normal');
});

test('pending objections come nearest deadline first, decided ones latest decision first; pages hold pageSize', async () => {
  const a = await objectedCase('13966662222');
  const b = await objectedCase('13966663333');
  // a's deadline moved nearer: it comes first though filed first anyway; b's moved earlier still: b comes first
  await t.db
    .updateTable('aid_objections')
    .set({ due_at: new Date(Date.now() + 3_600_000) })
    .where('id', '=', b.objectionId)
    .execute();
  const pending = (await list(bureau, '?state=pending&pageSize=100')).json();
  const ids = pending.items.map((o: { id: string }) => o.id);
  assert.ok(ids.indexOf(b.objectionId) < ids.indexOf(a.objectionId), 'the nearer deadline first');
  const dues = pending.items.map((o: { dueAt: string }) => o.dueAt);
  assert.deepEqual(dues, [...dues].sort());

  const va = pending.items.find((o: { id: string }) => o.id === a.objectionId).version;
  const vb = pending.items.find((o: { id: string }) => o.id === b.objectionId).version;
  await decide(b.objectionId, vb, 'uphold');
  await decide(a.objectionId, va, 'uphold');
  const decided = (await list(bureau, '?state=decided&pageSize=100')).json();
  const order = decided.items.map((o: { id: string }) => o.id);
  assert.ok(order.indexOf(a.objectionId) < order.indexOf(b.objectionId), 'the latest decision first');
  const at = decided.items.map((o: { decidedAt: string }) => o.decidedAt);
  assert.deepEqual(at, [...at].sort().reverse());

  const first = (await list(bureau, '?state=decided&page=1&pageSize=1')).json();
  assert.equal(first.items.length, 1);
  assert.equal(first.total, decided.total);
  assert.equal(first.page, 1);
  assert.equal(first.pageSize, 1);
  const second = (await list(bureau, '?state=decided&page=2&pageSize=1')).json();
  assert.notEqual(second.items[0].id, first.items[0].id);
});

test('objections are listed within the actor’s area, to those who decide them; bad paging is a coded 400', async () => {
  const { objectionId } = await objectedCase('13966664444');
  const has = async (s: Session) => {
    const res = await list(s, '?state=pending&pageSize=100');
    assert.equal(res.statusCode, 200, res.body);
    return res.json().items.some((o: { id: string }) => o.id === objectionId);
  };
  assert.equal(await has(townAdmin), true, 'the town of the case');
  assert.equal(await has(otherTown), false, 'another town does not see it');
  assert.equal((await list(otherTown, '?state=decided')).json().total, 0);
  assertError(await list(center), 403, 'FORBIDDEN');
  assertError(await list(null), 401, 'UNAUTHENTICATED');
  assertError(await list(bureau, '?state=open'), 400, 'VALIDATION_FAILED');
  assertError(await list(bureau, '?pageSize=1000'), 400, 'VALIDATION_FAILED');
  assertError(await list(bureau, '?page=0'), 400, 'VALIDATION_FAILED');
});

// —— providers ——————————————————————————————————————————————————————————————————————————————————————————

type Provider = {
  id: string;
  name: string;
  staffId: string | null;
  staff: { username: string; displayName: string } | null;
  version: number;
  phone: string;
};

test('providers carry their linked account’s username and name, for readers without org.read too', async () => {
  const res = await t.as(center, { url: '/api/v1/legal-aid/providers' });
  assert.equal(res.statusCode, 200, res.body);
  const pool: Provider[] = res.json();
  const chen = pool.find((p) => p.name === '陈律师')!;
  assert.deepEqual(chen.staff, { username: 'lawyer', displayName: '12348值班律师' });
  assert.equal(pool.find((p) => p.name === '周律师')!.staff, null);

  const created = await t.as(admin, {
    method: 'POST',
    url: '/api/v1/legal-aid/providers',
    payload: { name: '孙律师', kind: 'lawyer', matterCategories: ['maintenance'], staffId: await staffIdOf(t, 'mediator') },
  });
  assert.equal(created.statusCode, 201, created.body);
  const sun: Provider = created.json();
  assert.deepEqual(sun.staff, { username: 'mediator', displayName: '县调委会调解员' });
  const unlinked = await t.as(admin, {
    method: 'PATCH',
    url: `/api/v1/legal-aid/providers/${sun.id}`,
    payload: { version: sun.version, staffId: null },
  });
  assert.equal(unlinked.statusCode, 200, unlinked.body);
  assert.equal(unlinked.json().staff, null);
});

test('a provider’s phone is a mobile or a landline (or 12348): anything else is a coded 400 naming the field', async () => {
  for (const phone of ['abc', '12345', '0376-888', '138123456789', '(0376) 8881001 ext 2', '1381234567a']) {
    const body = assertError(
      await t.as(admin, {
        method: 'POST',
        url: '/api/v1/legal-aid/providers',
        payload: { name: '电话不对', kind: 'lawyer', matterCategories: ['other'], phone },
      }),
      400,
      'VALIDATION_FAILED',
    );
    assert.ok(
      (body.details as { field: string }[]).some((d) => d.field === 'body/phone'),
      `${phone}: ${JSON.stringify(body.details)}`,
    );
  }
  assert.equal(await t.db.selectFrom('aid_providers').select('id').where('name', '=', '电话不对').executeTakeFirst(), undefined);

  for (const phone of ['13812345678', '0376-8881001', '03768881001', '0376-12348', '12348', ' 13812345678 ', '']) {
    const res = await t.as(admin, {
      method: 'POST',
      url: '/api/v1/legal-aid/providers',
      payload: { name: `电话可以${phone}`, kind: 'lawyer', matterCategories: ['other'], phone },
    });
    assert.equal(res.statusCode, 201, `${phone}: ${res.body}`);
    assert.equal(res.json().phone, phone.trim());
  }

  const p: Provider = (await t.as(center, { url: '/api/v1/legal-aid/providers' })).json().find((x: Provider) => x.name === '周律师');
  assertError(
    await t.as(admin, { method: 'PATCH', url: `/api/v1/legal-aid/providers/${p.id}`, payload: { version: p.version, phone: '电话' } }),
    400,
    'VALIDATION_FAILED',
  );
  const row = await t.db.selectFrom('aid_providers').select(['phone', 'version']).where('id', '=', p.id).executeTakeFirstOrThrow();
  assert.deepEqual(row, { phone: p.phone, version: p.version }, 'unchanged');
});

// —— hardship standards ————————————————————————————————————————————————————————————————————————————————

type Standard = { id: string; regionCode: string; amount: number; effectiveFrom: string; effectiveTo: string | null; note: string };
const expectedOf = (s: Standard) => ({ effectiveTo: s.effectiveTo, note: s.note, amount: s.amount });
const patch = (session: Session, s: Standard, body: Record<string, unknown>) =>
  t.as(session, { method: 'PATCH', url: `/api/v1/legal-aid/standards/${s.id}`, payload: { expected: expectedOf(s), ...body } });
async function addStandard(body: Record<string, unknown>): Promise<Standard> {
  const res = await t.as(admin, {
    method: 'POST',
    url: '/api/v1/legal-aid/standards',
    payload: { regionCode: '411522', basis: 'perCapitaIncome', amount: 1500, ...body },
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}
const stored = (id: string) =>
  t.db
    .selectFrom('aid_hardship_standards')
    .select(['amount', 'note', (eb) => eb.cast<string | null>('effective_to', 'text').as('effective_to')])
    .where('id', '=', id)
    .executeTakeFirst();
const audited = (id: string, action: string) =>
  t.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity_id', '=', id).where('action', '=', action).execute();

test('a standard in force can be ended today at the earliest and its note corrected; its amount and its past stay', async () => {
  const s = await addStandard({ effectiveFrom: countyDay(-30), note: '县政府通知' });
  const today = countyDay();

  assertError(await patch(admin, s, { amount: 1600 }), 409, 'AID_STANDARD_IN_FORCE');
  const past = assertError(await patch(admin, s, { effectiveTo: countyDay(-1) }), 409, 'AID_STANDARD_IN_FORCE');
  assert.deepEqual(past.details, { field: 'effectiveTo', earliest: today });
  assertError(await patch(admin, s, { effectiveTo: countyDay(-31) }), 422, 'AID_STANDARD_INVALID');
  assert.deepEqual(await stored(s.id), { amount: '1500.00', note: '县政府通知', effective_to: null }, 'nothing changed');

  const ended = await patch(admin, s, { effectiveTo: today, note: '县政府通知（已由新标准取代）' });
  assert.equal(ended.statusCode, 200, ended.body);
  assert.equal(ended.json().effectiveTo, today);
  assert.equal(ended.json().note, '县政府通知（已由新标准取代）');
  assert.equal(ended.json().amount, 1500);
  const [row] = await audited(s.id, 'aidStandard.update');
  assert.deepEqual(row?.before, { amount: 1500, effectiveTo: null, note: '县政府通知' });
  assert.deepEqual(row?.after, { amount: 1500, effectiveTo: today, note: '县政府通知（已由新标准取代）' });

  // the edit names what the editor saw: the old view is now stale
  assertError(await patch(admin, s, { note: '另一人的修改' }), 409, 'VERSION_CONFLICT');
  // open-ended again (ending today left today untouched)
  const reopened = await patch(admin, ended.json(), { effectiveTo: null });
  assert.equal(reopened.statusCode, 200, reopened.body);
  assert.equal(reopened.json().effectiveTo, null);

  // once ended before today, the standard is history
  await t.db
    .updateTable('aid_hardship_standards')
    .set({ effective_to: countyDay(-2) })
    .where('id', '=', s.id)
    .execute();
  const ended2 = { ...reopened.json(), effectiveTo: countyDay(-2) };
  assertError(await patch(admin, ended2, { effectiveTo: null }), 409, 'AID_STANDARD_IN_FORCE');
  const note = await patch(admin, ended2, { note: '更正文号' });
  assert.equal(note.statusCode, 200, 'its note can still be corrected');
  await t.db.deleteFrom('aid_hardship_standards').where('id', '=', s.id).execute();
});

test('a standard not yet in force can have its amount corrected, and be deleted; one in force cannot be deleted', async () => {
  const future = await addStandard({ effectiveFrom: countyDay(20), note: '下月起执行' });
  assertError(await patch(admin, future, { effectiveTo: countyDay(10) }), 422, 'AID_STANDARD_INVALID');
  const corrected = await patch(admin, future, { amount: 1550, effectiveTo: countyDay(400) });
  assert.equal(corrected.statusCode, 200, corrected.body);
  assert.equal(corrected.json().amount, 1550);
  assert.equal(corrected.json().threshold, 1550);

  const removed = await t.as(admin, { method: 'DELETE', url: `/api/v1/legal-aid/standards/${future.id}` });
  assert.equal(removed.statusCode, 204, removed.body);
  assert.equal(await stored(future.id), undefined);
  const [row] = await audited(future.id, 'aidStandard.delete');
  assert.equal((row?.before as { amount: number }).amount, 1550);
  assertError(await t.as(admin, { method: 'DELETE', url: `/api/v1/legal-aid/standards/${future.id}` }), 404, 'NOT_FOUND');

  const inForce = await addStandard({ effectiveFrom: countyDay(0) });
  assertError(await t.as(admin, { method: 'DELETE', url: `/api/v1/legal-aid/standards/${inForce.id}` }), 409, 'AID_STANDARD_IN_FORCE');
  assert.ok(await stored(inForce.id), 'still there');
  await t.db.deleteFrom('aid_hardship_standards').where('id', '=', inForce.id).execute();
});

test('only the county center’s administrator edits standards; bad bodies are coded 400s', async () => {
  const s = await addStandard({ effectiveFrom: countyDay(30) });
  const del = (session: Session | null, id = s.id) => t.as(session, { method: 'DELETE', url: `/api/v1/legal-aid/standards/${id}` });
  for (const outsider of [center, bureau, townAdmin]) {
    assertError(await patch(outsider, s, { note: '外人修改' }), 403, 'FORBIDDEN');
    assertError(await del(outsider), 403, 'FORBIDDEN');
  }
  assertError(await del(null), 401, 'UNAUTHENTICATED');
  assertError(await patch(admin, { ...s, id: '00000000-0000-4000-8000-000000000000' }, { note: 'x' }), 404, 'NOT_FOUND');
  assertError(await patch(admin, s, { effectiveTo: '明天' }), 400, 'VALIDATION_FAILED');
  assertError(await patch(admin, s, { amount: -1 }), 400, 'VALIDATION_FAILED');
  assertError(await patch(admin, s, { note: 'x'.repeat(501) }), 400, 'VALIDATION_FAILED');
  assertError(await patch(admin, s, { expected: { ...expectedOf(s), effectiveTo: '2026-13' } }), 400, 'VALIDATION_FAILED');
  assertError(
    await t.as(admin, { method: 'PATCH', url: `/api/v1/legal-aid/standards/${s.id}`, payload: { note: '没有 expected' } }),
    400,
    'VALIDATION_FAILED',
  );
  assertError(await del(admin, 'not-a-uuid'), 400, 'VALIDATION_FAILED');
  assert.deepEqual(await stored(s.id), { amount: '1500.00', note: '', effective_to: null }, 'unchanged');
  await t.db.deleteFrom('aid_hardship_standards').where('id', '=', s.id).execute();
});
