import { describe, before, after, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import pg from 'pg';
import { runCli, startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { startProxy, Client, type Answer, type Proxy } from '../helpers/proxy.js';
import { startReceiver, type Receiver } from '../helpers/receivers.js';
import { takingTurns, TEST_DATA_KEYS, TEST_INDEX_KEY } from '../helpers/db.js';
import { migrations } from '../../server/db/migrations/index.js';
import { LOGIN_ATTEMPTS_PER_IP } from '../../server/modules/auth/auth.service.js';
import { LOOKUPS_PER_ADDRESS, SUBMISSIONS_PER_ADDRESS } from '../../server/modules/requests/public.service.js';

/*
 * Several instances of the server on one PostgreSQL schema, behind a round-robin proxy that sets
 * X-Forwarded-For as nginx does. What an operator running more than one instance relies on: a session works on
 * every instance and ends on all of them, the per-address limits count over all of them, the time-limit scanner
 * and the outbox sender run on each one and still tell everything exactly once, and losing an instance loses no
 * session. Needs a PostgreSQL server (PGlite is one process's database): without TEST_DATABASE_URL this file
 * has nothing to run, as first-start.test.ts's server test.
 */

const DATABASE_URL = process.env.TEST_DATABASE_URL;
const INSTANCES = 3;
const PASSWORD = 'Chief-pass-2026';
const WEBHOOK_SECRET = 'multi-instance-webhook-secret';
/** BatchedWindowCounter's flush interval (server/modules/auth/rate-limit.ts) */
const FLUSH_MS = 500;
const WUMING = '411522101203';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(250);
  }
}
const upstreamOf = (a: Answer) => Number(a.headers['x-upstream']);
const tally = (xs: number[]) => Array.from({ length: INSTANCES }, (_, i) => xs.filter((x) => x === i).length);

if (DATABASE_URL) {
  describe(`${INSTANCES} server processes on one PostgreSQL schema behind a round-robin proxy`, { timeout: 240_000 }, () => {
    const schema = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
    const servers: ServerProcess[] = [];
    const killed = new Set<number>();
    let proxy: Proxy;
    let receiver: Receiver;
    let db: pg.Client;
    let env: Record<string, string>;
    /** the staff member's browser, from its own address */
    let desk: Client;
    const deskRequests: { id: string; trackingNo: string }[] = [];
    const publicReceipts: { trackingNo: string; phone: string }[] = [];
    const figures: string[] = [];
    let proxied = 0;
    let lostSessions = 0;
    const q = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => (await db.query<T>(text, values)).rows;

    // migrating and dropping take turns with the other test files on this server
    const serialized = <T>(work: () => Promise<T>) => takingTurns(DATABASE_URL!, work);

    /** A request through the proxy, counted; a 401 on a signed-in client is a lost session. */
    async function via(client: Client, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Answer> {
      const answer = method === 'GET' ? await client.get(path) : await client.post(path, body);
      proxied++;
      if (answer.status === 401 && client === desk) lostSessions++;
      return answer;
    }

    before(async () => {
      receiver = await startReceiver(() => ({ status: 200, body: '{}', delayMs: 15 }));
      env = {
        DATABASE_URL,
        LEGALHUB_DB_SCHEMA: schema,
        LEGALHUB_DATA_KEYS: TEST_DATA_KEYS,
        LEGALHUB_INDEX_KEY: TEST_INDEX_KEY,
        LEGALHUB_TRUST_PROXY: 'true',
        LEGALHUB_WEB_DIST: '/nonexistent',
        LEGALHUB_SEED_KNOWLEDGE: 'no',
        LEGALHUB_SMS_PROVIDER: 'console',
        LEGALHUB_WEBHOOK_SECRET: WEBHOOK_SECRET,
        LEGALHUB_JOB_INTERVALS: 'outbox=1,scanner=1',
        // info: the console SMS adapter, the scanner's changes and "migrations applied" are logged at info
        LOG_LEVEL: 'info',
      };
      // each instance posts its webhooks with its own number in the query, so the receiver knows the sender
      const start = (n: number) => startServerProcess({ ...env, LEGALHUB_WEBHOOK_URL: `${receiver.url}?instance=${n}` });
      let othersStartedAt = 0;
      await serialized(async () => {
        servers.push(await start(0)); // the first start migrates and loads the county
        othersStartedAt = Date.now();
        servers.push(...(await Promise.all(Array.from({ length: INSTANCES - 1 }, (_, k) => start(k + 1)))));
      });
      db = new pg.Client({ connectionString: DATABASE_URL, options: `-c search_path=${schema}` });
      await db.connect();
      const made = await runCli(['create-admin', '--username', 'chief', '--password', PASSWORD], env);
      assert.equal(made.code, 0, made.out);
      proxy = await startProxy(servers.map((s) => s.url));
      desk = new Client(proxy.url, '127.0.0.2');

      // the migrations ran once, in the first instance; the others found the schema up to date
      const applied = await q<{ name: string; timestamp: string }>('select name, timestamp from kysely_migration');
      assert.equal(applied.length, Object.keys(migrations).length);
      for (const m of applied) assert.ok(new Date(m.timestamp).getTime() < othersStartedAt, `${m.name} applied by the first start`);
      assert.match(servers[0]!.output(), /migrations applied/);
      for (const s of servers.slice(1)) assert.doesNotMatch(s.output(), /migrations applied/);
    });

    after(async () => {
      for (const [i, s] of servers.entries()) {
        if (killed.has(i)) continue;
        assert.equal(await s.stop(), 0, `instance ${i} ends cleanly on SIGTERM`);
      }
      await proxy?.close();
      await receiver?.close();
      await db?.end();
      await serialized(async () => {
        const c = new pg.Client({ connectionString: DATABASE_URL });
        await c.connect();
        await c.query(`drop schema if exists "${schema}" cascade`);
        await c.end();
      });
      console.log(`multi-instance: ${INSTANCES} instances, ${proxied} requests over the proxy, ${figures.join(', ')}`);
    });

    it('a session signed in through the proxy works on every instance; CSRF-guarded writes pass on any of them', async () => {
      const signIn = await via(desk, 'POST', '/api/v1/auth/login', { username: 'chief', password: PASSWORD });
      assert.equal(signIn.status, 200, signIn.body);
      desk.csrfToken = signIn.json<{ csrfToken: string }>().csrfToken;

      // without the token, a write is refused wherever it lands
      const forged = new Client(proxy.url, '127.0.0.2');
      forged.cookie = desk.cookie;
      const refused: number[] = [];
      for (let i = 0; i < INSTANCES; i++) {
        const a = await via(forged, 'POST', '/api/v1/notifications/all/read');
        assert.equal(a.status, 403);
        assert.equal(a.json<{ code: string }>().code, 'CSRF_TOKEN_INVALID');
        refused.push(upstreamOf(a));
      }
      assert.deepEqual(tally(refused), [1, 1, 1], 'each instance refused one');

      const reads: number[] = [];
      const writes: number[] = [];
      for (let i = 0; i < 300; i++) {
        if (i % 7 === 3 && deskRequests.length < 40) {
          const a = await via(desk, 'POST', '/api/v1/requests', {
            serviceItem: 'mediation',
            channel: 'walk_in',
            name: '王大妈',
            phone: `1390071${String(i).padStart(4, '0')}`,
            regionCode: WUMING,
            description: '邻居在我家门口堆放柴草，协商不成',
          });
          assert.equal(a.status, 201, a.body);
          deskRequests.push(a.json<{ id: string; trackingNo: string }>());
          writes.push(upstreamOf(a));
        } else if (i % 2 === 0 || !deskRequests.length) {
          const a = await via(desk, 'GET', '/api/v1/me');
          assert.equal(a.status, 200, `request ${i}: ${a.body}`);
          assert.equal(a.json<{ username: string }>().username, 'chief');
          reads.push(upstreamOf(a));
        } else {
          const { id } = deskRequests[i % deskRequests.length]!;
          const a = await via(desk, 'GET', `/api/v1/requests/${id}`);
          assert.equal(a.status, 200, `request ${i}: ${a.body}`);
          reads.push(upstreamOf(a));
        }
      }
      assert.equal(lostSessions, 0);
      assert.equal(deskRequests.length, 40);
      for (const [i, n] of tally(writes).entries()) assert.ok(n >= 10, `instance ${i} took ${n} of the 40 CSRF-guarded writes`);
      for (const [i, n] of tally(reads).entries()) assert.ok(n >= 80, `instance ${i} answered ${n} reads`);
      figures.push(`1 session over ${reads.length + writes.length} requests (${tally([...reads, ...writes]).join('/')} per instance)`);
    });

    it('sign-in failures from one address are counted over all instances: the limit is exact, another address is free', async () => {
      const spray = new Client(proxy.url, '127.0.0.30');
      const answers: Answer[] = [];
      for (let i = 0; i < LOGIN_ATTEMPTS_PER_IP + 6; i++) {
        answers.push(await via(spray, 'POST', '/api/v1/auth/login', { username: `nobody-${i}`, password: 'not-the-password' }));
      }
      const statuses = answers.map((a) => a.status);
      // one attempt at a time: the counter is one row, written once per failure, read before each attempt
      assert.deepEqual(statuses, [...Array(LOGIN_ATTEMPTS_PER_IP).fill(401), ...Array(6).fill(429)]);
      assert.deepEqual(tally(answers.slice(0, LOGIN_ATTEMPTS_PER_IP).map(upstreamOf)), [10, 10, 10], 'the failures were spread');
      assert.deepEqual(tally(answers.slice(LOGIN_ATTEMPTS_PER_IP).map(upstreamOf)), [2, 2, 2], 'every instance refuses');
      // a colleague at another address is not affected
      const other = new Client(proxy.url, '127.0.0.31');
      assert.equal((await via(other, 'POST', '/api/v1/auth/login', { username: 'nobody', password: 'x' })).status, 401);
      assert.equal((await via(other, 'POST', '/api/v1/auth/login', { username: 'chief', password: PASSWORD })).status, 200);
      figures.push(`sign-in: ${LOGIN_ATTEMPTS_PER_IP} failures answered then 429 on all instances (limit ${LOGIN_ATTEMPTS_PER_IP})`);
    });

    it('public submissions from one address are counted over all instances: exactly the limit, even three at a time', async () => {
      const citizen = new Client(proxy.url, '127.0.0.20');
      const submit = (c: Client, n: number) =>
        via(c, 'POST', '/api/v1/public/requests', {
          serviceItem: 'mediation',
          channel: 'web',
          name: '李大爷',
          phone: `1370072${String(n).padStart(4, '0')}`,
          regionCode: WUMING,
          description: '承包地边界纠纷，想请村里调解',
        });
      const answers: Answer[] = [];
      for (let round = 0; round < 5; round++) {
        answers.push(...(await Promise.all([0, 1, 2].map((k) => submit(citizen, round * 3 + k)))));
      }
      const accepted = answers.filter((a) => a.status === 201);
      assert.equal(accepted.length, SUBMISSIONS_PER_ADDRESS, answers.map((a) => a.status).join(','));
      assert.equal(answers.filter((a) => a.status === 429).length, 15 - SUBMISSIONS_PER_ADDRESS);
      for (const [i, a] of answers.entries())
        if (a.status === 201) publicReceipts.push({ ...a.json<{ trackingNo: string }>(), phone: `1370072${String(i).padStart(4, '0')}` });
      const neighbour = await submit(new Client(proxy.url, '127.0.0.21'), 99);
      assert.equal(neighbour.status, 201, 'another address may still submit');
      publicReceipts.push({ ...neighbour.json<{ trackingNo: string }>(), phone: '13700720099' });
      const rows = await q<{ n: number }>("select count(*)::int as n from service_requests where channel = 'web'");
      assert.equal(rows[0]!.n, SUBMISSIONS_PER_ADDRESS + 1, 'only the accepted submissions were stored');
      figures.push(`submissions: ${accepted.length} of 15 from one address (limit ${SUBMISSIONS_PER_ADDRESS})`);
    });

    it('tracking look-ups, counted in memory and shared every 0.5 s, stay within the limit plus what two flush intervals let through', async () => {
      const { trackingNo, phone } = publicReceipts.at(-1)!;
      const path = `/api/v1/public/requests/${encodeURIComponent(trackingNo)}?phone=${phone}`;
      const looker = new Client(proxy.url, '127.0.0.40');
      const PACE_MS = 40;
      const log: { sentAt: number; doneAt: number; status: number; upstream: number }[] = [];
      for (let i = 0; i < 150; i++) {
        const sentAt = Date.now();
        const a = await via(looker, 'GET', path);
        log.push({ sentAt, doneAt: Date.now(), status: a.status, upstream: upstreamOf(a) });
        await sleep(Math.max(0, sentAt + PACE_MS - Date.now()));
      }
      assert.deepEqual([...new Set(log.map((l) => l.status))].sort(), [200, 429]);
      const admitted = log.filter((l) => l.status === 200);
      /*
       * What BatchedWindowCounter promises: an instance refuses once the hits it knows of pass the limit; its own
       * hits always count (so no instance lets more than the limit through itself, N × limit over N instances),
       * and it learns the other instances' hits at its next flush, at most one flush interval after its first
       * unflushed hit. So once the limit is reached anywhere, every instance refuses within two flush intervals
       * (the others' hits reach the shared row, then its own flush reads them back), plus the statements' own time.
       */
      assert.ok(
        admitted.length >= LOOKUPS_PER_ADDRESS,
        `${admitted.length} admitted: the limit is not stricter than ${LOOKUPS_PER_ADDRESS}`,
      );
      assert.ok(admitted.length <= INSTANCES * LOOKUPS_PER_ADDRESS);
      const reachedAt = admitted[LOOKUPS_PER_ADDRESS - 1]!.doneAt;
      const grace = 2 * FLUSH_MS + 1000; // + 1 s for the flush statements and timers on a busy machine
      const late = admitted.filter((l) => l.sentAt > reachedAt + grace);
      assert.equal(late.length, 0, `look-ups admitted more than ${grace} ms after the limit was reached: ${late.length}`);
      const sentInGrace = log.filter((l) => l.sentAt > reachedAt && l.sentAt <= reachedAt + grace).length;
      assert.ok(admitted.length <= LOOKUPS_PER_ADDRESS + sentInGrace);
      const lastAdmitted = admitted.at(-1)!.sentAt - reachedAt;

      // one flush later every instance refuses this address, and serves another
      await sleep(2 * FLUSH_MS + 200);
      const again = await Promise.all([0, 1, 2].map(() => via(looker, 'GET', path)));
      assert.deepEqual(
        again.map((a) => a.status),
        [429, 429, 429],
      );
      assert.deepEqual(tally(again.map(upstreamOf)), [1, 1, 1]);
      const neighbour = new Client(proxy.url, '127.0.0.41');
      for (let i = 0; i < INSTANCES; i++) assert.equal((await via(neighbour, 'GET', path)).status, 200);
      figures.push(
        `look-ups: ${admitted.length} of ${log.length} admitted (limit ${LOOKUPS_PER_ADDRESS}, at most ${LOOKUPS_PER_ADDRESS} + ${sentInGrace} sent within ${grace} ms of reaching it; last one admitted ${lastAdmitted} ms after; per instance ${tally(admitted.map((l) => l.upstream)).join('/')})`,
      );
    });

    it('the time-limit scanner runs on every instance and tells each change once', async () => {
      const outboxBefore = await q<{ n: number }>('select count(*)::int as n from outbox');
      // an operator's correction made in SQL, as for any fixture: 15 overdue, 15 due within hours, 10 left alone
      const overdue = deskRequests.slice(0, 15).map((r) => r.id);
      const dueSoon = deskRequests.slice(15, 30).map((r) => r.id);
      await db.query(
        `update service_requests set due_at = now() + case when id = any($1::uuid[]) then interval '-2 hours' else interval '3 hours' end
         where id = any($1::uuid[] || $2::uuid[])`,
        [overdue, dueSoon],
      );
      /*
       * Make the instances race for the same requests: hold the 30 rows locked until the scanner of every instance
       * is waiting to move them (each instance scans every second), then let go. Each UPDATE names the state it
       * leaves, so for each request one instance wins and the others find nothing left to move.
       */
      const holder = new pg.Client({ connectionString: DATABASE_URL, options: `-c search_path=${schema}` });
      await holder.connect();
      let waiting = 0;
      try {
        await holder.query('begin');
        await holder.query('select id from service_requests where id = any($1::uuid[]) for update', [[...overdue, ...dueSoon]]);
        const { pid } = (await holder.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!;
        await waitFor(
          'the scanner of every instance waiting for the same requests',
          async () => {
            // the first waits for this transaction, the next ones queue behind it
            const rows = await q<{ n: number }>(
              `with recursive queue(pid) as (
                 select $1::int
                 union
                 select a.pid from pg_stat_activity a join queue on queue.pid = any(pg_blocking_pids(a.pid))
               )
               select count(*)::int as n from pg_stat_activity a join queue using (pid)
               where a.query like 'update "service_requests" set "due_state"%'`,
              [pid],
            );
            waiting = rows[0]!.n;
            return waiting === INSTANCES;
          },
          20_000,
        );
        await holder.query('commit');
      } finally {
        await holder.end();
      }
      const events = () =>
        q<{ request_id: string; type: string; n: number }>(
          "select request_id, type, count(*)::int as n from request_events where type in ('overdue', 'dueSoon') group by 1, 2",
        );
      await waitFor('30 due-state changes', async () => (await events()).length === 30, 30_000);
      // several more ticks of every instance (one a second each) change nothing more
      await sleep(4000);
      const changed = await events();
      assert.equal(changed.length, 30);
      for (const e of changed) assert.equal(e.n, 1, `one ${e.type} event for ${e.request_id}`);
      assert.deepEqual(
        changed
          .filter((e) => e.type === 'overdue')
          .map((e) => e.request_id)
          .sort(),
        [...overdue].sort(),
      );
      assert.deepEqual(
        changed
          .filter((e) => e.type === 'dueSoon')
          .map((e) => e.request_id)
          .sort(),
        [...dueSoon].sort(),
      );
      const states = await q<{ due_state: string; n: number }>(
        'select due_state, count(*)::int as n from service_requests where id = any($1::uuid[]) group by 1 order by 1',
        [deskRequests.map((r) => r.id)],
      );
      assert.deepEqual(states, [
        { due_state: 'dueSoon', n: 15 },
        { due_state: 'normal', n: 10 },
        { due_state: 'overdue', n: 15 },
      ]);
      // the person responsible is the administrator who took them, also the supervisor at the center: one notice each
      // (new work reaching people writes other notices too, e.g. of the requests citizens submitted above)
      const notices = await q<{ request_id: string; kind: string; n: number }>(
        "select request_id, kind, count(*)::int as n from notifications where kind in ('dueSoon', 'overdue') group by 1, 2",
      );
      assert.equal(notices.length, 30);
      for (const n of notices) assert.equal(n.n, 1);
      const inbox = await via(desk, 'GET', '/api/v1/notifications?unread=true&limit=100');
      const dueNotices = inbox.json<{ items: { kind: string }[] }>().items.filter((n) => n.kind === 'dueSoon' || n.kind === 'overdue');
      assert.equal(dueNotices.length, 30, 'the administrator sees 30 due notices');
      // due notices are in-app: the scanner writes no outbox row
      assert.deepEqual(await q('select count(*)::int as n from outbox'), outboxBefore);
      const moved = servers.map((s) =>
        [...s.output().matchAll(/time-limit scanner: (\d+) requests/g)].reduce((n, m) => n + Number(m[1]), 0),
      );
      assert.equal(
        moved.reduce((a, b) => a + b, 0),
        30,
        'the instances logged 30 changes between them',
      );
      figures.push(
        `15 overdue + 15 due-soon notices for 30 requests after ${waiting} scanners raced for them, 0 duplicates (changes made by instance ${moved.join('/')})`,
      );
    });

    it('the outbox is delivered exactly once over the senders of all instances', async () => {
      const pending = () => q<{ n: number }>("select count(*)::int as n from outbox where status <> 'sent'");
      await waitFor('every outbox row sent', async () => (await pending())[0]!.n === 0, 60_000);
      const rows = await q<{ id: string; channel: string; attempts: number }>('select id::text, channel, attempts from outbox order by id');
      const expected = (deskRequests.length + publicReceipts.length) * 2; // an SMS and a webhook for each request taken in
      assert.equal(rows.length, expected);
      for (const r of rows) assert.equal(r.attempts, 1, `outbox ${r.id} sent at the first attempt`);

      const webhookIds = rows.filter((r) => r.channel === 'webhook').map((r) => r.id);
      const delivered = receiver.hits.map((h) => h.headers['x-legalhub-delivery'] as string);
      assert.equal(delivered.length, new Set(delivered).size, 'no webhook delivered twice');
      assert.deepEqual([...delivered].sort(), [...webhookIds].sort());
      for (const h of receiver.hits) {
        const [, t, v1] = /^t=(\d+),v1=([0-9a-f]+)$/.exec(String(h.headers['x-legalhub-signature'])) ?? [];
        assert.equal(v1, createHmac('sha256', WEBHOOK_SECRET).update(`${t}.${h.body}`).digest('hex'), 'signed');
        assert.equal(JSON.parse(h.body).id, Number(h.headers['x-legalhub-delivery']));
      }
      const webhookSenders = tally(receiver.hits.map((h) => Number(h.query.get('instance'))));

      // the console SMS adapter logs "[outbox <id>] <template> → <phone>" in the instance that sent it
      const smsIds = rows.filter((r) => r.channel === 'sms').map((r) => r.id);
      const smsSent = servers.map((s) => [...s.output().matchAll(/\[outbox (\d+)\] requestReceived → 1\d{10}/g)].map((m) => m[1]!));
      const allSms = smsSent.flat();
      assert.equal(allSms.length, new Set(allSms).size, 'no SMS sent twice');
      assert.deepEqual([...allSms].sort(), [...smsIds].sort());
      const smsSenders = smsSent.map((ids) => ids.length);
      assert.ok(smsSenders.filter((n) => n > 0).length + webhookSenders.filter((n) => n > 0).length > 2, 'more than one sender took part');
      figures.push(
        `${webhookIds.length} webhooks (senders ${webhookSenders.join('/')}) and ${smsIds.length} SMS (senders ${smsSenders.join('/')}) delivered once each`,
      );
    });

    it('an instance killed mid-way is dropped by the proxy and the session goes on; signing out on one ends it on all', async () => {
      const victim = INSTANCES - 1;
      let servedByVictim = 0;
      const answers: Answer[] = [];
      for (let i = 0; i < 300; i++) {
        if (i === 100) {
          const child = servers[victim]!.child;
          const gone = new Promise((resolve) => child.once('exit', resolve));
          child.kill('SIGKILL');
          await gone;
          killed.add(victim);
          servedByVictim = proxy.upstreams[victim]!.served;
        }
        const a = i % 10 === 5 ? await via(desk, 'POST', '/api/v1/notifications/all/read') : await via(desk, 'GET', '/api/v1/me');
        assert.equal(a.status, i % 10 === 5 ? 204 : 200, `request ${i}: ${a.status} ${a.body}`);
        answers.push(a);
      }
      assert.equal(lostSessions, 0);
      assert.equal(proxy.badGateways, 0, 'no request failed');
      assert.ok(proxy.isDown(victim), 'the proxy marked the dead instance down');
      assert.equal(proxy.upstreams[victim]!.served, servedByVictim, 'nothing was answered by the dead instance');
      const afterKill = tally(answers.slice(100).map(upstreamOf));
      assert.equal(afterKill[victim], 0);
      assert.ok(afterKill[0]! >= 90 && afterKill[1]! >= 90, `the survivors share the load: ${afterKill.join('/')}`);

      const cookie = desk.cookie;
      const out = await via(desk, 'POST', '/api/v1/auth/logout');
      assert.equal(out.status, 204);
      for (const [i, s] of servers.entries()) {
        if (killed.has(i)) continue;
        const direct = new Client(s.url, '127.0.0.2');
        direct.cookie = cookie;
        assert.equal((await direct.get('/api/v1/me')).status, 401, `the session ended on instance ${i} too`);
      }
      const stale = new Client(proxy.url, '127.0.0.2');
      stale.cookie = cookie;
      assert.equal((await stale.get('/api/v1/me')).status, 401);
      figures.push(
        `instance ${victim} SIGKILLed after ${servedByVictim} answers, ${lostSessions} lost sessions, ${proxy.badGateways} failed requests`,
      );
    });
  });
}
