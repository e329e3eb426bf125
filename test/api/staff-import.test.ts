// Importing staff from an .xlsx sheet: all rows or none, every problem named by row and field.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { assertError, attemptLogin } from '../helpers/http.js';
import { seedTownAdmin } from '../helpers/factories.js';
import { multipartFile, readSheet, workbook, XLSX_TYPE, type Cell } from '../helpers/xlsx.js';

const HEADER = ['用户名', '姓名', '手机号', '站点', '岗位'];

let t: TestApp;
let admin: Session;
before(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
});
after(() => t.close());

function upload(session: Session, file: Buffer, options?: Parameters<typeof multipartFile>[1]) {
  const { payload, headers } = multipartFile(file, options);
  return t.as(session, { method: 'POST', url: '/api/v1/staff/import', payload, headers });
}

async function existing(usernames: string[]): Promise<string[]> {
  const rows = await t.db.selectFrom('staff').select('username').where('username', 'in', usernames).execute();
  return rows.map((r) => r.username).sort();
}

const staffCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('staff')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

interface RowProblem {
  row: number;
  field: string;
  problem: string;
  problemEn: string;
}

test('a good file of 3 rows creates 3 accounts whose temporary passwords sign in', async () => {
  const res = await upload(
    admin,
    await workbook([
      HEADER,
      ['imp.zhang', '张伟', '13911112222', '十里镇公共法律服务工作站', '综合接待岗、法律援助岗'],
      ['imp.wang', '王芳', '', '411522101203', '村居法律顾问'],
      // no username: the phone number becomes it
      ['', '李娜', '13733334444', '411522102000', 'mediator'],
    ]),
  );
  assert.equal(res.statusCode, 201, res.body);
  const created: { row: number; username: string; displayName: string; temporaryPassword: string }[] = res.json().created;
  assert.deepEqual(
    created.map((c) => [c.row, c.username, c.displayName]),
    [
      [2, 'imp.zhang', '张伟'],
      [3, 'imp.wang', '王芳'],
      [4, '13733334444', '李娜'],
    ],
  );
  for (const c of created) {
    const login = await attemptLogin(t, c.username, c.temporaryPassword);
    assert.equal(login.statusCode, 200, `${c.username}: ${login.body}`);
    assert.equal(login.json().mustChangePassword, true);
  }

  const list = (await t.as(admin, { url: '/api/v1/staff?q=imp.&limit=10' })).json().items;
  const zhang = list.find((s: { username: string }) => s.username === 'imp.zhang');
  assert.equal(zhang.siteName, '十里镇公共法律服务工作站');
  assert.deepEqual(zhang.posts, ['reception', 'legalAidDesk']);
  assert.equal(zhang.phone, '139****2222');
  const wang = list.find((s: { username: string }) => s.username === 'imp.wang');
  assert.equal(wang.siteName, '吴明村公共法律服务室');
  assert.deepEqual(wang.posts, ['villageAdviser']);
  const li = (await t.as(admin, { url: '/api/v1/staff?q=13733334444' })).json().items[0];
  assert.equal(li.regionCode, '411522102', 'the padded code 411522102000 names the town');

  const audit = (await t.as(admin, { url: '/api/v1/audit?action=staff.create&limit=10' })).json();
  assert.equal(audit.total, 3, 'each created account is in the audit log');
});

test('a file with bad rows among good ones answers 422 naming each bad row and field, and imports nothing', async () => {
  const before = await staffCount();
  const rows: Cell[][] = [
    HEADER,
    ['bad.good1', '好人一', '13900000001', '十里镇公共法律服务工作站', '综合接待岗'], // 2: good
    ['bad.site', '无此站', '13900000002', '不存在的公共法律服务站', '综合接待岗'], // 3
    ['bad.phone', '错号码', '12345', '十里镇公共法律服务工作站', '综合接待岗'], // 4
    ['bad.post', '错岗位', '13900000004', '十里镇公共法律服务工作站', '厨师'], // 5
    ['bad.good1', '重名', '13900000005', '十里镇公共法律服务工作站', '调解员'], // 6: repeats row 2
    ['Admin', '已存在', '13900000006', '十里镇公共法律服务工作站', '调解员'], // 7: already an account
    ['bad.twin', '同名村', '13900000007', '赵岗村公共法律服务室', '村居法律顾问'], // 8: two villages have this name
    ['bad.good2', '好人二', '13900000008', '411522107213', '村居法律顾问'], // 9: good (the same 赵岗村, by code)
  ];
  const res = await upload(admin, await workbook(rows));
  const body = assertError(res, 422, 'STAFF_IMPORT_INVALID');
  const problems = (body.details as { rows: RowProblem[] }).rows;
  assert.deepEqual(
    problems.map((p) => [p.row, p.field]),
    [
      [3, 'site'],
      [4, 'phone'],
      [5, 'posts'],
      [6, 'username'],
      [7, 'username'],
      [8, 'site'],
    ],
  );
  for (const p of problems) {
    assert.match(p.problem, /[\u4e00-\u9fff]/);
    assert.ok(p.problemEn.length > 0);
  }
  assert.match(problems.find((p) => p.row === 6)!.problem, /第 2 行/);
  assert.match(problems.find((p) => p.row === 8)!.problem, /区划代码/, 'the person is told to use the region code');

  assert.deepEqual(
    await existing(['bad.good1', 'bad.good2', 'bad.site', 'bad.phone', 'bad.post', 'bad.twin']),
    [],
    'nothing half-imported',
  );
  assert.equal(await staffCount(), before);
});

test('a town admin’s import may only name sites of their own town', async () => {
  const townAdmin = await seedTownAdmin(t, admin, '411522103');
  const res = await upload(
    townAdmin,
    await workbook([
      HEADER,
      ['town.ok', '本镇', '', '孙铁铺镇公共法律服务工作站', '综合接待岗'],
      ['town.bad', '外镇', '', '十里镇公共法律服务工作站', '综合接待岗'],
      ['town.bad2', '县中心', '', '411522', '综合接待岗'],
    ]),
  );
  const body = assertError(res, 422, 'STAFF_IMPORT_INVALID');
  assert.deepEqual(
    (body.details as { rows: RowProblem[] }).rows.map((p) => [p.row, p.field]),
    [
      [3, 'site'],
      [4, 'site'],
    ],
  );
  assert.deepEqual(await existing(['town.ok', 'town.bad', 'town.bad2']), []);
});

test('a sheet without the required columns, or without data rows, answers 422 STAFF_IMPORT_INVALID', async () => {
  const noColumns = assertError(
    await upload(
      admin,
      await workbook([
        ['用户名', '姓名'],
        ['x.y', '某某'],
      ]),
    ),
    422,
    'STAFF_IMPORT_INVALID',
  );
  assert.deepEqual(
    (noColumns.details as { rows: RowProblem[] }).rows.map((p) => p.field),
    ['site', 'posts'],
  );
  assertError(await upload(admin, await workbook([HEADER])), 422, 'STAFF_IMPORT_INVALID');
});

test('a file that is not an .xlsx workbook answers 422 XLSX_UNREADABLE', async () => {
  const text = Buffer.from('用户名,姓名,手机号,站点,岗位\nfake,假的,,十里镇公共法律服务工作站,综合接待岗\n');
  assertError(await upload(admin, text, { filename: 'staff.xlsx' }), 422, 'XLSX_UNREADABLE');
  // a zip that is not a workbook
  const zipHeader = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]);
  assertError(await upload(admin, zipHeader, { filename: 'staff.xlsx' }), 422, 'XLSX_UNREADABLE');
  assertError(await upload(admin, Buffer.alloc(0), { filename: 'empty.xlsx' }), 422, 'XLSX_UNREADABLE');
  assert.deepEqual(await existing(['fake']), []);
});

test('a file over 5 MB answers 413 and imports nothing', async () => {
  const before = await staffCount();
  const big = Buffer.concat([
    await workbook([HEADER, ['big.one', '大文件', '', '十里镇公共法律服务工作站', '综合接待岗']]),
    Buffer.alloc(5 * 1024 * 1024 + 1),
  ]);
  assertError(await upload(admin, big), 413, 'PAYLOAD_TOO_LARGE');
  assert.equal(await staffCount(), before);
});

test('an upload that is not multipart answers 415; a multipart form without a file answers 400', async () => {
  assertError(await t.as(admin, { method: 'POST', url: '/api/v1/staff/import', payload: { file: 'x' } }), 415, 'UNSUPPORTED_MEDIA_TYPE');
  const boundary = 'no-file-boundary';
  const res = await t.as(admin, {
    method: 'POST',
    url: '/api/v1/staff/import',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${boundary}--\r\n`,
  });
  assertError(res, 400, 'VALIDATION_FAILED');
});

test('only staff with org.manage may import or fetch the template', async () => {
  const station = await t.login('station-411522101');
  const file = await workbook([HEADER, ['not.allowed', '无权', '', '十里镇公共法律服务工作站', '综合接待岗']]);
  assertError(await upload(station, file), 403, 'FORBIDDEN');
  assertError(await t.as(station, { url: '/api/v1/staff/import-template' }), 403, 'FORBIDDEN');
  assertError(await t.as(null, { url: '/api/v1/staff/import-template' }), 401, 'UNAUTHENTICATED');
  assert.deepEqual(await existing(['not.allowed']), []);
});

test('the import template is an .xlsx with the header row, and imports as it comes', async () => {
  const res = await t.as(admin, { url: '/api/v1/staff/import-template' });
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-type'], XLSX_TYPE);
  assert.match(String(res.headers['content-disposition']), /attachment; filename\*=UTF-8''/);
  const rows = await readSheet(res.rawPayload);
  assert.deepEqual(rows[0], HEADER);
  assert.equal(rows.length, 2, 'one example row');

  // the example row, uploaded as downloaded, is a valid account
  const imported = await upload(admin, res.rawPayload);
  assert.equal(imported.statusCode, 201, imported.body);
  assert.deepEqual(
    imported.json().created.map((c: { username: string }) => c.username),
    [rows[1]![0]],
  );
});
