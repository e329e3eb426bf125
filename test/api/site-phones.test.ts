// The number the portal gives for a site without a phone of its own: the village adviser's work phone, else the
// town station's, else the county center's, else 12348 — each labelled by whose it is.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type Session, type TestApp } from '../helpers/app.js';
import { siteIdOf } from '../helpers/factories.js';
import { invalidateDirectory } from '../../server/modules/org/sites.service.js';

const TOWN = '411522101';
const VILLAGE = '411522101203';
const ADVISER = `room-${VILLAGE}`;

let t: TestApp;
let admin: Session;
before(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
});
after(() => t.close());

interface Contact {
  phone: string;
  source: string;
}

/** What the portal's directory says for the site, and its own detail page (they agree). */
async function contactOf(kind: 'room' | 'station' | 'center', regionCode: string): Promise<Contact> {
  const list = await t.app.inject({ url: `/api/v1/sites?kind=${kind}&regionCode=${regionCode}` });
  assert.equal(list.statusCode, 200, list.body);
  const site = (list.json().items as { regionCode: string; id: string; contactPhone: Contact }[]).find((s) => s.regionCode === regionCode);
  assert.ok(site, `${kind} ${regionCode} is listed`);
  const detail = await t.app.inject({ url: `/api/v1/sites/${site.id}` });
  assert.deepEqual(detail.json().contactPhone, site.contactPhone, 'the detail gives the same number');
  return site.contactPhone;
}

async function setSitePhone(kind: 'room' | 'station' | 'center', regionCode: string, phone: string) {
  const id = await siteIdOf(t, kind, regionCode);
  const { version } = await t.db.selectFrom('sites').select('version').where('id', '=', id).executeTakeFirstOrThrow();
  const res = await t.as(admin, { method: 'PATCH', url: `/api/v1/sites/${id}`, payload: { version, phone } });
  assert.equal(res.statusCode, 200, res.body);
}

async function setAdviser(change: { phone?: string; status?: 'active' | 'disabled' }) {
  await t.db.updateTable('staff').set(change).where('username', '=', ADVISER).execute();
  // staff edits reach the public directory within its 30 s; the test does not wait
  invalidateDirectory(t.db);
}

test('a room without a phone gives its adviser’s, then its station’s, the center’s and at last 12348', async () => {
  const adviser = await t.db.selectFrom('staff').select('phone').where('username', '=', ADVISER).executeTakeFirstOrThrow();
  assert.ok(adviser.phone, 'the demo adviser has a work phone');
  assert.equal((await t.db.selectFrom('sites').select('phone').where('region_code', '=', VILLAGE).executeTakeFirstOrThrow()).phone, '');
  assert.deepEqual(await contactOf('room', VILLAGE), { phone: adviser.phone, source: 'adviser' }, 'the 公示 board’s number');

  // an adviser who left (disabled) or has no phone is no fallback: the station's number, if it has one
  await setAdviser({ status: 'disabled' });
  assert.deepEqual(await contactOf('room', VILLAGE), { phone: '12348', source: 'hotline' }, "the demo center's number is 12348");
  await setSitePhone('station', TOWN, '0376-7771234');
  assert.deepEqual(await contactOf('room', VILLAGE), { phone: '0376-7771234', source: 'station' });
  await setAdviser({ status: 'active', phone: '' });
  assert.deepEqual(await contactOf('room', VILLAGE), { phone: '0376-7771234', source: 'station' });

  // no station number: the center's, labelled as the center's unless it is the hotline itself
  await setSitePhone('station', TOWN, '');
  await setSitePhone('center', '411522', '0376-8881000');
  assert.deepEqual(await contactOf('room', VILLAGE), { phone: '0376-8881000', source: 'center' });
  assert.deepEqual(await contactOf('station', TOWN), { phone: '0376-8881000', source: 'center' });
  await setSitePhone('center', '411522', '');
  assert.deepEqual(await contactOf('room', VILLAGE), { phone: '12348', source: 'hotline' });
  assert.deepEqual(await contactOf('center', '411522'), { phone: '12348', source: 'hotline' });

  // a room's own phone comes first, and is the site's
  await setSitePhone('room', VILLAGE, '0376-7779999');
  assert.deepEqual(await contactOf('room', VILLAGE), { phone: '0376-7779999', source: 'site' });

  await setSitePhone('room', VILLAGE, '');
  await setSitePhone('center', '411522', '12348');
  await setAdviser({ phone: adviser.phone });
  assert.equal((await contactOf('room', VILLAGE)).source, 'adviser');
});

test('every published site in the directory has a number to call', async () => {
  const res = await t.app.inject({ url: '/api/v1/sites?limit=1000' });
  const items = res.json().items as { kind: string; contactPhone: Contact }[];
  assert.equal(items.length, 385);
  assert.ok(items.every((s) => s.contactPhone.phone.trim().length > 0));
  const rooms = items.filter((s) => s.kind === 'room');
  assert.ok(
    rooms.every((s) => s.contactPhone.source === 'adviser'),
    'every demo room has an adviser with a work phone',
  );
});
