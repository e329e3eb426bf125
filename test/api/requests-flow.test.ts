import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';

let t: TestApp;
let station: Session;
let otherStation: Session;
before(async () => {
  t = await startTestApp();
  station = await t.login('station-411522101');
  otherStation = await t.login('station-411522102');
});
after(() => t.close());

// a made-up number with a correct GB 11643 check digit
const ID = '411522199001011232';
const PHONE = '13912345678';
let n = 0;
const submit = (body: Record<string, unknown> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/public/requests',
    remoteAddress: `10.20.0.${n++ % 250}`,
    payload: {
      serviceItem: 'mediation',
      name: '王大妈',
      phone: PHONE,
      regionCode: '411522101203',
      description: '邻居在我家门口堆放柴草，协商不成',
      channel: 'web',
      ...body,
    },
  });

test('a public submission is routed to the town station with a tracking number and a due date', async () => {
  const res = await submit({ idNumber: ID });
  assert.equal(res.statusCode, 201, res.body);
  const body = res.json();
  assert.match(body.trackingNo, /^[0-9]{6}[0-9A-Z]{8}$/);
  assert.equal(body.status, 'dispatched');
  assert.ok(Date.parse(body.dueAt) > Date.now() + 20 * 86400_000, 'mediation has 30 calendar days');

  const queue = (await t.as(station, { url: '/api/v1/requests?queue=unassigned' })).json();
  const mine = queue.items.find((r: { trackingNo: string }) => r.trackingNo === body.trackingNo);
  assert.ok(mine, 'the 十里镇 station sees it waiting');
  assert.equal(mine.handlerSite.name, '十里镇公共法律服务工作站');
  assert.equal(mine.requesterPhone, '139****5678', 'masked until someone handles it');
  assert.equal(mine.requesterIdNumber, '4115**********1232');
  assert.deepEqual(mine.allowedActions.sort(), ['accept', 'return', 'transfer']);

  const other = await t.as(otherStation, { url: `/api/v1/requests/${mine.id}` });
  assert.equal(other.statusCode, 404, 'another town cannot see it');

  const raw = await sql<{ row: string }>`select row_to_json(r)::text as row from service_requests r where id = ${mine.id}`.execute(t.db);
  assert.ok(!raw.rows[0]!.row.includes(ID), 'the ID number is not stored in clear text');
  assert.ok(!raw.rows[0]!.row.includes(PHONE), 'nor is the phone');
});

test('accept, pause for materials, resume and conclude; the citizen tracks and rates once', async () => {
  const { trackingNo } = (await submit()).json();
  const list = (await t.as(station, { url: '/api/v1/requests?queue=unassigned&limit=200' })).json();
  const r = list.items.find((x: { trackingNo: string }) => x.trackingNo === trackingNo);
  const post = (path: string, payload: object = {}) => t.as(station, { method: 'POST', url: `/api/v1/requests/${r.id}/${path}`, payload });

  const early = await t.app.inject({
    method: 'POST',
    url: `/api/v1/public/requests/${trackingNo}/evaluation`,
    payload: { phone: PHONE, grade: 5, attitude: 5, efficiency: 5, competence: 5 },
  });
  assert.equal(early.statusCode, 409);
  assert.equal(early.json().code, 'REQUEST_NOT_CONCLUDED');

  const accepted = await post('accept');
  assert.equal(accepted.statusCode, 200, accepted.body);
  assert.equal(accepted.json().status, 'accepted');
  assert.equal(accepted.json().requesterPhone, PHONE, 'the handler sees the full phone');

  const paused = await post('request-materials', { items: ['村委会出具的情况说明', '现场照片'] });
  assert.equal(paused.json().status, 'awaitingMaterials');
  assert.equal(paused.json().dueAt, null, 'the clock stops');
  const concludeWhilePaused = await post('conclude', { result: '调解成功' });
  assert.equal(concludeWhilePaused.statusCode, 409);
  assert.equal(concludeWhilePaused.json().code, 'INVALID_TRANSITION');

  const resumed = await post('resume');
  assert.equal(resumed.json().status, 'accepted');
  assert.ok(resumed.json().dueAt);

  const done = await post('conclude', { result: '经调解，双方达成协议：柴草三日内移走。' });
  assert.equal(done.json().status, 'concluded');

  const track = await t.app.inject({ url: `/api/v1/public/requests/${trackingNo}?phone=${PHONE}` });
  assert.equal(track.statusCode, 200);
  const view = track.json();
  assert.equal(view.status, 'concluded');
  assert.deepEqual(
    view.timeline.map((e: { type: string }) => e.type),
    ['dispatched', 'accepted', 'materialsRequested', 'resumed', 'concluded'],
    'submitted and sent on is one step for the citizen',
  );
  assert.deepEqual(view.timeline[2].items, ['村委会出具的情况说明', '现场照片']);
  assert.equal(view.canEvaluate, true);

  const wrongPhone = await t.app.inject({ url: `/api/v1/public/requests/${trackingNo}?phone=13900000000` });
  const unknown = await t.app.inject({ url: `/api/v1/public/requests/260101ABCDEFGH?phone=${PHONE}` });
  assert.equal(wrongPhone.statusCode, 404);
  assert.equal(unknown.statusCode, 404);
  assert.equal(wrongPhone.body, unknown.body, 'a wrong phone and an unknown number look the same');

  const rate = (payload: object) => t.app.inject({ method: 'POST', url: `/api/v1/public/requests/${trackingNo}/evaluation`, payload });
  const first = await rate({ phone: PHONE, grade: 5, attitude: 5, efficiency: 4, competence: 5, comment: '调解员很耐心' });
  assert.equal(first.statusCode, 201, first.body);
  const second = await rate({ phone: PHONE, grade: 1, attitude: 1, efficiency: 1, competence: 1 });
  assert.equal(second.statusCode, 409);
  assert.equal(second.json().code, 'EVALUATION_EXISTS');
});

test('two staff accepting at once: exactly one succeeds, the other gets 409', async () => {
  const { trackingNo } = (await submit()).json();
  const list = (await t.as(station, { url: '/api/v1/requests?queue=unassigned&limit=200' })).json();
  const r = list.items.find((x: { trackingNo: string }) => x.trackingNo === trackingNo);
  const again = await t.login('station-411522101');
  const results = await Promise.all(
    [station, again].map((s) => t.as(s, { method: 'POST', url: `/api/v1/requests/${r.id}/accept`, payload: {} })),
  );
  assert.deepEqual(results.map((x) => x.statusCode).sort(), [200, 409]);
});

test('bad input is refused with a code: an ID number with a wrong check digit, an unknown region, a channel staff use', async () => {
  const badId = await submit({ idNumber: '411522199001011231' });
  assert.equal(badId.statusCode, 422);
  assert.equal(badId.json().code, 'ID_NUMBER_INVALID');
  assert.equal((await submit({ regionCode: '411522999999' })).json().code, 'REGION_UNKNOWN');
  assert.equal((await submit({ channel: 'walk_in' })).statusCode, 400);
  assert.equal((await submit({ serviceItem: 'nothing' })).json().code, 'SERVICE_ITEM_UNAVAILABLE');
});

test('the public catalogue lists the services with code and name', async () => {
  const items = (await t.app.inject({ url: '/api/v1/service-items' })).json() as { code: string; name: string }[];
  const codes = items.map((i) => i.code);
  for (const code of ['consultation', 'legalAid', 'mediation', 'notary', 'forensicAppraisal', 'reintegration', 'videoVisit', 'complaint']) {
    assert.ok(codes.includes(code), code);
  }
  assert.equal(items.find((i) => i.code === 'legalAid')?.name, '法律援助');
});

test('a 不满意 rating opens a rectification due in 15 working days and a follow-up call, and counts in the stats', async () => {
  const { trackingNo } = (await submit()).json();
  const list = (await t.as(station, { url: '/api/v1/requests?queue=unassigned&limit=200' })).json();
  const r = list.items.find((x: { trackingNo: string }) => x.trackingNo === trackingNo);
  await t.as(station, { method: 'POST', url: `/api/v1/requests/${r.id}/accept`, payload: {} });
  await t.as(station, { method: 'POST', url: `/api/v1/requests/${r.id}/conclude`, payload: { result: '告知当事人可向法院起诉' } });
  const rated = await t.app.inject({
    method: 'POST',
    url: `/api/v1/public/requests/${trackingNo}/evaluation`,
    payload: { phone: PHONE, grade: 2, attitude: 2, efficiency: 1, competence: 3, comment: '等了很久' },
  });
  assert.equal(rated.statusCode, 201, rated.body);

  const admin = await t.login('admin');
  const tasks = (await t.as(admin, { url: '/api/v1/rectifications?status=open' })).json() as {
    trackingNo: string;
    dueAt: string;
    siteName: string;
  }[];
  const task = tasks.find((x) => x.trackingNo === trackingNo);
  assert.ok(task, 'the rectification is listed for the county');
  assert.equal(task.siteName, '十里镇公共法律服务工作站');
  const days = (Date.parse(task.dueAt) - Date.now()) / 86400_000;
  assert.ok(days > 18 && days < 35, `15 working days is three weeks or more, got ${days.toFixed(1)} days`);

  const calls = (await t.as(station, { url: '/api/v1/follow-up-calls?status=planned' })).json() as { id: string; trackingNo: string }[];
  const call = calls.find((c) => c.trackingNo === trackingNo);
  assert.ok(call, 'the station sees the follow-up call');
  const done = await t.as(station, {
    method: 'POST',
    url: `/api/v1/follow-up-calls/${call.id}`,
    payload: { outcome: 'reached', satisfied: true, note: '已致歉并说明' },
  });
  assert.equal(done.statusCode, 204);

  const notices = (await t.as(admin, { url: '/api/v1/notifications' })).json().items as { kind: string; title: string }[];
  assert.ok(
    notices.some((n) => n.kind === 'badRating' && n.title.includes(trackingNo)),
    'the county supervisor is told',
  );

  const stats = (await t.as(admin, { url: '/api/v1/evaluations/stats?by=site' })).json() as { name: string; count: number; bad: number }[];
  const shili = stats.find((s) => s.name === '十里镇公共法律服务工作站');
  assert.ok(shili && shili.count >= 1 && shili.bad >= 1);

  const other = await t.login('station-411522102');
  const theirs = (await t.as(other, { url: '/api/v1/rectifications' })).json() as { trackingNo: string }[];
  assert.ok(!theirs.some((x) => x.trackingNo === trackingNo), 'another town does not see it');
});

test('attachments: the bytes decide the type, the citizen can supply materials, downloads are scoped and audited', async () => {
  const { trackingNo } = (await submit()).json();
  const list = (await t.as(station, { url: '/api/v1/requests?queue=unassigned&limit=200' })).json();
  const r = list.items.find((x: { trackingNo: string }) => x.trackingNo === trackingNo);
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)]);
  const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0)]);
  const form = (name: string, data: Buffer) => {
    const boundary = '----lh' + Math.random().toString(16).slice(2);
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
  };
  const ok = await t.as(station, { method: 'POST', url: `/api/v1/requests/${r.id}/attachments`, ...form('../../现场照片.png', png) });
  assert.equal(ok.statusCode, 201, ok.body);
  assert.equal(ok.json().filename, '现场照片.png', 'no path survives in the name');
  const renamed = await t.as(station, { method: 'POST', url: `/api/v1/requests/${r.id}/attachments`, ...form('photo.png', exe) });
  assert.equal(renamed.statusCode, 415);
  assert.equal(renamed.json().code, 'ATTACHMENT_TYPE_REFUSED');

  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(100, 32)]);
  const citizen = await t.app.inject({
    method: 'POST',
    url: `/api/v1/public/requests/${trackingNo}/attachments?phone=${PHONE}`,
    remoteAddress: '10.30.0.1',
    ...form('情况说明.pdf', pdf),
  });
  assert.equal(citizen.statusCode, 201, citizen.body);
  assert.equal(citizen.json().byCitizen, true);
  const stranger = await t.app.inject({
    method: 'POST',
    url: `/api/v1/public/requests/${trackingNo}/attachments?phone=13800000000`,
    remoteAddress: '10.30.0.2',
    ...form('x.pdf', pdf),
  });
  assert.equal(stranger.statusCode, 404);

  const files = (await t.as(station, { url: `/api/v1/requests/${r.id}/attachments` })).json() as { id: string; filename: string }[];
  assert.deepEqual(files.map((f) => f.filename).sort(), ['情况说明.pdf', '现场照片.png']);
  const download = await t.as(station, {
    url: `/api/v1/requests/${r.id}/attachments/${files.find((f) => f.filename === '现场照片.png')!.id}`,
  });
  assert.equal(download.statusCode, 200);
  assert.deepEqual(download.rawPayload, png);
  assert.equal(download.headers['x-content-type-options'], 'nosniff');
  const elsewhere = await t.as(otherStation, { url: `/api/v1/requests/${r.id}/attachments/${files[0]!.id}` });
  assert.equal(elsewhere.statusCode, 404);
  const audited = await t.db
    .selectFrom('audit_log')
    .select('id')
    .where('entity_type', '=', 'requestAttachment')
    .where('action', '=', 'personal.view')
    .execute();
  assert.ok(audited.length >= 1, 'the download is in the audit log');
});

test('the ledger export is a real .xlsx of the scope, with phones and ID numbers masked even for the handler', async () => {
  const { trackingNo } = (await submit({ idNumber: ID })).json();
  const list = (await t.as(station, { url: '/api/v1/requests?queue=unassigned&limit=200' })).json();
  const r = list.items.find((x: { trackingNo: string }) => x.trackingNo === trackingNo);
  await t.as(station, { method: 'POST', url: `/api/v1/requests/${r.id}/accept`, payload: {} });
  const res = await t.as(station, { url: '/api/v1/requests/export?queue=all' });
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /spreadsheetml/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('工单台账')!;
  const header = (ws.getRow(1).values as unknown[]).slice(1);
  assert.deepEqual(header.slice(0, 7), ['受理编号', '服务事项', '受理渠道', '状态', '申请人', '联系电话', '身份证号']);
  const rows: unknown[][] = [];
  ws.eachRow((row, n) => n > 1 && rows.push((row.values as unknown[]).slice(1)));
  const mine = rows.find((row) => String(row[0]).replace(/-/g, '') === trackingNo);
  assert.ok(mine, 'the request is in the ledger');
  assert.equal(mine[3], '办理中');
  assert.equal(mine[5], '139****5678', 'masked although the station handles it');
  assert.equal(mine[6], '4115**********1232');
  assert.ok(!rows.flat().some((cell) => String(cell).includes(PHONE) || String(cell).includes(ID)), 'no cell holds the full phone or ID');
  const elsewhere = await t.as(otherStation, { url: '/api/v1/requests/export?queue=all' });
  const other = new ExcelJS.Workbook();
  await other.xlsx.load(elsewhere.rawPayload as unknown as ArrayBuffer);
  let found = false;
  other.getWorksheet('工单台账')!.eachRow((row) => {
    if (String((row.values as unknown[])[1]).replace(/-/g, '') === trackingNo) found = true;
  });
  assert.equal(found, false, 'another town does not export it');
});

test('a suspended service item leaves the public catalogue but administrators can still find it to switch it back on', async () => {
  const admin = await t.login('admin');
  const item = (await t.app.inject({ url: '/api/v1/service-items/suggestion' })).json();
  const off = await t.as(admin, {
    method: 'PATCH',
    url: '/api/v1/service-items/suggestion',
    payload: { version: item.version, active: false },
  });
  assert.equal(off.statusCode, 200, off.body);
  try {
    const publicCodes = ((await t.app.inject({ url: '/api/v1/service-items' })).json() as { code: string }[]).map((i) => i.code);
    assert.ok(!publicCodes.includes('suggestion'));
    assert.equal((await t.app.inject({ url: '/api/v1/service-items?includeInactive=true' })).statusCode, 401);
    const reception = await t.login('reception');
    assert.equal((await t.as(reception, { url: '/api/v1/service-items?includeInactive=true' })).statusCode, 403);
    const all = (await t.as(admin, { url: '/api/v1/service-items?includeInactive=true' })).json() as { code: string; active: boolean }[];
    assert.equal(all.find((i) => i.code === 'suggestion')?.active, false);
    assert.equal(
      (await submit({ serviceItem: 'suggestion' })).json().code,
      'SERVICE_ITEM_UNAVAILABLE',
      'nobody can apply for it meanwhile',
    );
  } finally {
    await t.as(admin, { method: 'PATCH', url: '/api/v1/service-items/suggestion', payload: { version: off.json().version, active: true } });
  }
});

test('the citizen sees which site took the request on', async () => {
  const { trackingNo } = (await submit()).json();
  const list = (await t.as(station, { url: '/api/v1/requests?queue=unassigned&limit=200' })).json();
  const r = list.items.find((x: { trackingNo: string }) => x.trackingNo === trackingNo);
  await t.as(station, { method: 'POST', url: `/api/v1/requests/${r.id}/accept`, payload: {} });
  const view = (await t.app.inject({ url: `/api/v1/public/requests/${trackingNo}?phone=${PHONE}`, remoteAddress: '10.40.0.1' })).json();
  const accepted = view.timeline.find((e: { type: string }) => e.type === 'accepted');
  assert.equal(accepted.siteName, '十里镇公共法律服务工作站');
});
