import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { freshAddress, freshPhone, seedDispatched, seedSubmittedAtDesk, siteIdOf, stepOk, loginAll, SHILI } from '../helpers/requests.js';

/*
 * What the citizen experiences: each step is one line on the tracking page and one text to their phone. The
 * citizen's own doings (an upload, a rating, an objection) are lines without a text: they know already.
 */
let t: TestApp;
let reception: Session;
let station: Session;
let center: Session;
let admin: Session;
before(async () => {
  t = await startTestApp();
  [reception, station, center, admin] = await loginAll(t, ['reception', `station-${SHILI}`, 'legalaid', 'admin'] as const);
});
after(() => t.close());

const OWN_DOINGS = new Set(['attachmentAdded', 'evaluated', 'aidObjectionFiled']);
/** Which text each line comes with. */
const TEXT_OF: Record<string, string> = {
  submitted: 'requestReceived',
  dispatched: 'requestTransferred',
  transferred: 'requestTransferred',
  accepted: 'requestAccepted',
  materialsRequested: 'materialsRequested',
  resumed: 'requestResumed',
  concluded: 'requestConcluded',
  aidApplied: 'requestReceived',
  aidForwarded: 'aidForwarded',
  materialsReceived: 'requestResumed',
  aidGranted: 'aidGranted',
  aidAssigned: 'aidAssigned',
  aidClosed: 'aidClosed',
  takenOver: 'requestAccepted',
  reassigned: 'requestTransferred',
};

async function lines(trackingNo: string, phone: string) {
  const res = await t.app.inject({ url: `/api/v1/public/requests/${trackingNo}?phone=${phone}`, remoteAddress: freshAddress() });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().timeline as { type: string; siteName: string | null }[];
}

/** The texts queued for the citizen's own phone (staff may get texts about the same request too). */
async function texts(requestId: string, phone: string): Promise<string[]> {
  const rows = await t.db
    .selectFrom('outbox')
    .select(['template', 'recipient_enc'])
    .where('request_id', '=', requestId)
    .where('channel', '=', 'sms')
    .orderBy('id')
    .execute();
  return rows.filter((r) => r.recipient_enc && t.cipher.decrypt(r.recipient_enc) === phone).map((r) => r.template);
}

async function requestIdOf(trackingNo: string) {
  const row = await t.db.selectFrom('service_requests').select('id').where('tracking_no', '=', trackingNo).executeTakeFirstOrThrow();
  return row.id;
}

/** The lines and the texts side by side: one text per line, in order, the citizen's own doings aside. */
async function assertOneToOne(trackingNo: string, phone: string) {
  const shown = (await lines(trackingNo, phone)).map((l) => l.type).filter((type) => !OWN_DOINGS.has(type));
  const sent = await texts(await requestIdOf(trackingNo), phone);
  // an online request's first line is the step that sent it on; its text is the receipt
  const expected = shown.map((type, i) => (i === 0 && type === 'dispatched' ? 'requestReceived' : TEXT_OF[type]));
  assert.deepEqual(sent, expected, `lines ${shown.join(', ')}`);
  return { shown, sent };
}

test('a public submission routed straight to a site is one line naming the site, and one text', async () => {
  const r = await seedDispatched(t);
  const timeline = await lines(r.trackingNo, r.phone);
  assert.equal(timeline.length, 1, JSON.stringify(timeline));
  assert.equal(timeline[0]!.type, 'dispatched');
  assert.equal(timeline[0]!.siteName, '十里镇公共法律服务工作站');
  assert.deepEqual(await texts(r.id, r.phone), ['requestReceived']);
  // staff still see both steps
  const staffView = (await t.as(station, { url: `/api/v1/requests/${r.id}/timeline` })).json() as { type: string }[];
  assert.deepEqual(
    staffView.map((e) => e.type),
    ['submitted', 'dispatched'],
  );
});

test('concluding queues exactly one text', async () => {
  const r = await seedDispatched(t);
  await stepOk(t, station, r.id, 'accept');
  const before = await texts(r.id, r.phone);
  await stepOk(t, station, r.id, 'conclude', { result: '已告知当事人诉讼途径' });
  assert.deepEqual((await texts(r.id, r.phone)).slice(before.length), ['requestConcluded']);
});

test('submit → accept → materials → resume → conclude: the lines and the texts match one to one; an upload is a line of their own', async () => {
  const r = await seedDispatched(t);
  await stepOk(t, station, r.id, 'accept');
  await stepOk(t, station, r.id, 'request-materials', { items: ['村委会出具的情况说明'] });
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(100, 32)]);
  const boundary = '----citizen';
  const upload = await t.app.inject({
    method: 'POST',
    url: `/api/v1/public/requests/${r.trackingNo}/attachments?phone=${r.phone}`,
    remoteAddress: freshAddress(),
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="说明.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      pdf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  assert.equal(upload.statusCode, 201, upload.body);
  await stepOk(t, station, r.id, 'resume');
  await stepOk(t, station, r.id, 'conclude', { result: '经调解达成协议' });
  const { shown } = await assertOneToOne(r.trackingNo, r.phone);
  assert.deepEqual(shown, ['dispatched', 'accepted', 'materialsRequested', 'resumed', 'concluded']);
  assert.ok(
    (await lines(r.trackingNo, r.phone)).some((l) => l.type === 'attachmentAdded'),
    "the citizen's upload is on their page",
  );
});

test('taken at a desk and sent on: the desk line and the dispatch line each come with a text', async () => {
  const r = await seedSubmittedAtDesk(t, reception);
  await stepOk(t, reception, r.id, 'dispatch', { siteId: await siteIdOf(t, 'station', SHILI), post: 'mediator' });
  await stepOk(t, station, r.id, 'accept');
  const { shown } = await assertOneToOne(r.trackingNo, r.phone);
  assert.deepEqual(shown, ['submitted', 'dispatched', 'accepted']);
});

test('an overseer who takes over or reassigns: a line and a text each, whatever the status before', async () => {
  const held = await seedDispatched(t);
  await stepOk(t, station, held.id, 'accept');
  await stepOk(t, admin, held.id, 'take-over', { reason: '承办人休假，由管理员接办' });
  assert.deepEqual((await assertOneToOne(held.trackingNo, held.phone)).shown, ['dispatched', 'accepted', 'takenOver']);

  const waiting = await seedDispatched(t);
  await stepOk(t, admin, waiting.id, 'reassign', {
    siteId: await siteIdOf(t, 'center', '411522'),
    post: 'mediator',
    reason: '改由县调委会调解',
  });
  assert.deepEqual((await assertOneToOne(waiting.trackingNo, waiting.phone)).shown, ['dispatched', 'reassigned']);
});

test('legal aid from the portal to its close-out: one line and one text per step, one for the close-out', async () => {
  const phone = freshPhone();
  const applied = await t.app.inject({
    method: 'POST',
    url: '/api/v1/public/legal-aid/applications',
    remoteAddress: freshAddress(),
    payload: {
      name: '李建国',
      phone,
      regionCode: '411522101203',
      description: '在县城工地干了八个月，包工头拖欠工资三万二千元，多次讨要未果。',
      channel: 'web',
      applicantKind: 'self',
      matterCategory: 'labourRemuneration',
      aidForm: 'labourArbitration',
      opposingParty: '光山县某建筑有限公司',
      familyMembers: [],
      monthlyIncome: 900,
      pledge: true,
    },
  });
  assert.equal(applied.statusCode, 201, applied.body);
  const { trackingNo } = applied.json() as { trackingNo: string };
  assert.deepEqual(
    (await lines(trackingNo, phone)).map((l) => l.type),
    ['aidApplied'],
    'the application is one line',
  );

  const caseOf = async (who: Session) => {
    const list = (await t.as(who, { url: `/api/v1/legal-aid/cases?queue=all&search=${trackingNo}` })).json();
    return (await t.as(who, { url: `/api/v1/legal-aid/cases/${list.items[0].id}` })).json() as { id: string; version: number };
  };
  const act = async (who: Session, action: string, body: Record<string, unknown>) => {
    const c = await caseOf(who);
    const res = await t.as(who, {
      method: 'POST',
      url: `/api/v1/legal-aid/cases/${c.id}/${action}`,
      payload: { version: c.version, ...body },
    });
    assert.equal(res.statusCode, 200, `${action}: ${res.body}`);
  };
  await act(station, 'first-review', { opinion: 'recommendGrant', note: '情况属实' });
  await act(center, 'request-materials', { items: ['劳动合同或工资条'] });
  await act(center, 'materials-received', {});
  await act(center, 'decide', { decision: 'grant', reason: '符合法律援助条件' });
  const suggestions = (await t.as(center, { url: `/api/v1/legal-aid/cases/${(await caseOf(center)).id}/suggestions` })).json();
  await act(center, 'assign', { providerId: suggestions.find((s: { fits: boolean }) => s.fits).id });
  const requestId = await requestIdOf(trackingNo);
  const beforeClose = (await texts(requestId, phone)).length;
  await act(center, 'close', { outcome: '仲裁调解，追回工资', report: '双方在仲裁委主持下达成调解协议。' });
  assert.deepEqual((await texts(requestId, phone)).slice(beforeClose), ['aidClosed'], 'one text for the close-out');
  const closed = await t.app.inject({ url: `/api/v1/public/requests/${trackingNo}?phone=${phone}`, remoteAddress: freshAddress() });
  assert.equal(closed.json().canEvaluate, true, 'the rating opens at the close-out');
  await act(center, 'archive', {
    checklist: [
      'application',
      'identity',
      'hardshipProof',
      'decision',
      'assignmentNotice',
      'caseMaterials',
      'legalDocuments',
      'closingReport',
    ],
  });
  const { shown } = await assertOneToOne(trackingNo, phone);
  assert.deepEqual(shown, [
    'aidApplied',
    'aidForwarded',
    'materialsRequested',
    'materialsReceived',
    'aidGranted',
    'aidAssigned',
    'aidClosed',
  ]);
  const staffView = (await t.as(center, { url: `/api/v1/requests/${requestId}/timeline` })).json() as { type: string }[];
  assert.ok(
    staffView.some((e) => e.type === 'aidArchived'),
    'archiving is on the staff timeline',
  );
});

test('a legal aid application taken at a village room is one line, and one text', async () => {
  const room = await t.login('room-411522101203');
  const phone = freshPhone();
  const res = await t.as(room, {
    method: 'POST',
    url: '/api/v1/legal-aid/cases',
    payload: {
      name: '刘大娘',
      phone,
      regionCode: '411522101203',
      description: '儿子多年不给赡养费，想起诉要赡养费。',
      channel: 'walk_in',
      applicantKind: 'self',
      matterCategory: 'maintenance',
      aidForm: 'litigationAgency',
      opposingParty: '刘大军',
      familyMembers: [],
      monthlyIncome: 300,
      pledge: true,
    },
  });
  assert.equal(res.statusCode, 201, res.body);
  const request = await t.db
    .selectFrom('service_requests as r')
    .innerJoin('aid_cases as c', 'c.request_id', 'r.id')
    .select(['r.tracking_no'])
    .where('c.id', '=', res.json().id)
    .executeTakeFirstOrThrow();
  const { shown } = await assertOneToOne(request.tracking_no, phone);
  assert.deepEqual(shown, ['aidApplied']);
});
