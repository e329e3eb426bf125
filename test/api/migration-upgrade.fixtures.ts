// The rows a county had made by each release point of the schema, written in SQL valid at that version (only the
// columns the introducing migration created), for test/api/migration-upgrade.test.ts.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { CompiledQuery, type Kysely } from 'kysely';
import { readCountyFile } from '../../server/modules/org/county-import.js';
import { normalizePhone } from '../../server/modules/requests/intake.service.js';
import type { PersonalDataCipher } from '../../server/security/personal-data.js';
import { testConfig } from '../helpers/db.js';

export const run = (db: Kysely<unknown>, text: string, parameters: unknown[] = []) => db.executeQuery(CompiledQuery.raw(text, parameters));
/** Rows as one JSON parameter, unpacked by the database: one statement per table, whatever the count. */
const insertJson = (db: Kysely<unknown>, table: string, columns: string, types: string, rows: unknown[]) =>
  run(db, `insert into ${table} (${columns}) select * from json_to_recordset($1::json) as x(${types})`, [JSON.stringify(rows)]);

/** What a county has made by the time a release was current: the tables a migration created, filled as the app would. */
export interface World {
  cipher: PersonalDataCipher;
  passwordHash: string;
  ids: Record<string, string>;
  phone: string;
  trackingNo: string;
}

export const FIXTURES: Record<string, (db: Kysely<unknown>, w: World) => Promise<void>> = {
  async '0001_org_auth_audit'(db, w) {
    const county = await readCountyFile(testConfig().countyFile);
    const regions = [
      { code: county.code, name: county.name, short_name: county.name, level: 'county', type: '', parent_code: null, sort: 0 },
      ...county.children.flatMap((town, i) => [
        { code: town.code, name: town.name, short_name: town.name, level: 'town', type: town.type, parent_code: county.code, sort: i },
        ...town.children.map((v, j) => ({
          code: v.code,
          name: v.name,
          short_name: v.shortName,
          level: 'village',
          type: v.type,
          parent_code: town.code,
          sort: j,
        })),
      ]),
    ];
    await insertJson(
      db,
      'regions',
      'code, name, short_name, level, type, parent_code, sort',
      'code text, name text, short_name text, level text, type text, parent_code text, sort int',
      regions,
    );
    const town = county.children[0]!;
    const village = town.children[0]!;
    Object.assign(w.ids, {
      center: randomUUID(),
      station: randomUUID(),
      room: randomUUID(),
      admin: randomUUID(),
      handler: randomUUID(),
      adviser: randomUUID(),
    });
    w.ids.town = town.code;
    w.ids.village = village.code;
    await insertJson(
      db,
      'sites',
      'id, kind, name, region_code, address, phone, latitude, longitude, facilities, description',
      'id uuid, kind text, name text, region_code text, address text, phone text, latitude float8, longitude float8, facilities text[], description text',
      [
        {
          id: w.ids.center,
          kind: 'center',
          name: `${county.name}公共法律服务中心`,
          region_code: county.code,
          address: '光山县紫水大道1号',
          phone: '0376-8612348',
          latitude: 32.01,
          longitude: 114.91,
          facilities: '{serviceHall,touchKiosk}',
          description: '',
        },
        {
          id: w.ids.station,
          kind: 'station',
          name: `${town.name}公共法律服务工作站`,
          region_code: town.code,
          address: '',
          phone: '',
          latitude: null,
          longitude: null,
          facilities: '{}',
          description: '',
        },
        {
          id: w.ids.room,
          kind: 'room',
          name: `${village.shortName}公共法律服务室`,
          region_code: village.code,
          address: '',
          phone: '',
          latitude: null,
          longitude: null,
          facilities: '{mediationRoom}',
          description: '村委会一楼',
        },
      ],
    );
    await insertJson(
      db,
      'staff',
      'id, username, display_name, phone, site_id, posts, password_hash, failed_logins, locked_until, last_login_at',
      'id uuid, username text, display_name text, phone text, site_id uuid, posts text[], password_hash text, failed_logins int, locked_until timestamptz, last_login_at timestamptz',
      [
        {
          id: w.ids.admin,
          username: 'admin',
          display_name: '系统管理员',
          phone: '',
          site_id: w.ids.center,
          posts: '{admin,supervisor}',
          password_hash: w.passwordHash,
          failed_logins: 0,
          locked_until: null,
          last_login_at: '2026-03-02T01:00:00Z',
        },
        {
          id: w.ids.handler,
          username: 'station-1',
          display_name: '工作站调解员',
          phone: '13700000001',
          site_id: w.ids.station,
          posts: '{mediator,reception}',
          password_hash: w.passwordHash,
          failed_logins: 2,
          locked_until: null,
          last_login_at: null,
        },
        {
          id: w.ids.adviser,
          username: 'adviser-1',
          display_name: '村法律顾问',
          phone: '',
          site_id: w.ids.room,
          posts: '{villageAdviser}',
          password_hash: w.passwordHash,
          failed_logins: 0,
          locked_until: '2026-03-02T02:00:00Z',
          last_login_at: null,
        },
      ],
    );
    await run(
      db,
      `insert into sessions (id, staff_id, csrf_token, ip, user_agent, expires_at) values ('${'a'.repeat(64)}', $1, 'csrf-token-1', '10.0.0.1', 'Mozilla/5.0', '2099-01-01T00:00:00Z')`,
      [w.ids.admin],
    );
    await run(db, `insert into rate_limits (key, window_start, hits) values ('login:10.0.0.1', '2026-03-02T01:00:00Z', 3)`);
    await insertJson(
      db,
      'audit_log',
      'at, actor_id, actor_username, action, entity_type, entity_id, region_code, before, after, ip, request_id',
      'at timestamptz, actor_id uuid, actor_username text, action text, entity_type text, entity_id text, region_code text, before jsonb, after jsonb, ip text, request_id text',
      [
        {
          at: '2026-03-02T01:00:00Z',
          actor_id: w.ids.admin,
          actor_username: 'admin',
          action: 'auth.login',
          entity_type: 'staff',
          entity_id: w.ids.admin,
          region_code: county.code,
          before: null,
          after: null,
          ip: '10.0.0.1',
          request_id: randomUUID(),
        },
        {
          at: '2026-03-02T01:05:00Z',
          actor_id: w.ids.admin,
          actor_username: 'admin',
          action: 'site.update',
          entity_type: 'site',
          entity_id: w.ids.room,
          region_code: village.code,
          before: { address: '' },
          after: { address: '村委会一楼' },
          ip: '10.0.0.1',
          request_id: randomUUID(),
        },
      ],
    );
  },

  async '0002_calendar'(db, w) {
    await insertJson(
      db,
      'calendar_days',
      'date, kind, name, source, updated_by',
      'date date, kind text, name text, source text, updated_by uuid',
      [
        { date: '2026-10-01', kind: 'holiday', name: '国庆节', source: 'chinese-days@1.5.7', updated_by: null },
        { date: '2026-10-10', kind: 'workday', name: '国庆节调休', source: 'chinese-days@1.5.7', updated_by: null },
        { date: '2026-05-06', kind: 'holiday', name: '县里放假', source: 'admin', updated_by: w.ids.admin },
      ],
    );
  },

  async '0003_requests'(db, w) {
    const policy = { unit: 'working', days: 3, dueSoonDays: 1 };
    await insertJson(
      db,
      'service_items',
      'code, name, category, summary, guide, levels, channels, handling_unit, time_limit, sort',
      'code text, name text, category text, summary text, guide jsonb, levels text[], channels text[], handling_unit text, time_limit jsonb, sort int',
      [
        {
          code: 'mediation',
          name: '人民调解',
          category: 'basic',
          summary: '邻里、婚姻家庭纠纷调解',
          guide: { who: '当事人', materials: ['身份证'], steps: ['申请', '调解'], fees: '免费', where: '各工作站', basis: '人民调解法' },
          levels: '{center,station,room}',
          channels: '{walk_in,web,hotline}',
          handling_unit: '人民调解委员会',
          time_limit: policy,
          sort: 1,
        },
        {
          code: 'legalAid',
          name: '法律援助',
          category: 'basic',
          summary: '',
          guide: {},
          levels: '{center}',
          channels: '{walk_in,web}',
          handling_unit: '法律援助中心',
          time_limit: { unit: 'calendar', days: 7, dueSoonDays: 2 },
          sort: 2,
        },
      ],
    );
    await run(
      db,
      `insert into routing_rules (service_item, region_level, handler_level, handler_post) values ('mediation', 'village', 'town', 'mediator'), ('mediation', 'town', 'town', 'mediator'), ('legalAid', 'village', 'county', 'legalAidDesk')`,
    );
    const request = (id: string, trackingNo: string, phone: string, status: string, extra: Record<string, unknown> = {}) => ({
      id,
      tracking_no: trackingNo,
      county_code: '411522',
      service_item: 'mediation',
      channel: 'web',
      status,
      requester_name: '王大妈',
      requester_phone_enc: w.cipher.encrypt(phone),
      requester_phone_hash: w.cipher.hash(normalizePhone(phone)),
      requester_phone_masked: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
      requester_id_enc: w.cipher.encrypt('41152219900101123X'),
      requester_id_masked: '411522**********3X',
      requester_address_enc: w.cipher.encrypt('十里镇吴明村3组'),
      region_code: w.ids.village,
      description: '邻居在我家门口堆放柴草，协商不成',
      received_site_id: w.ids.center,
      received_region_code: '411522',
      owner_id: null,
      handler_site_id: w.ids.station,
      handler_region_code: w.ids.town,
      handler_post: 'mediator',
      handler_id: status === 'dispatched' ? null : w.ids.handler,
      time_limit: policy,
      started_at: '2026-03-02T02:00:00Z',
      due_at: '2026-03-05T15:59:59.999Z',
      due_state: status === 'accepted' ? 'overdue' : 'normal',
      pauses: status === 'accepted' ? [{ from: '2026-03-03T02:00:00Z', to: '2026-03-04T02:00:00Z' }] : [],
      missing_materials: null,
      result: status === 'concluded' ? '已调解，双方签订协议。' : null,
      dispatched_at: '2026-03-02T02:00:00Z',
      accepted_at: status === 'dispatched' ? null : '2026-03-02T03:00:00Z',
      concluded_at: status === 'concluded' ? '2026-03-03T08:00:00.123456Z' : null,
      version: status === 'concluded' ? 4 : 2,
      ...extra,
    });
    w.phone = '13812345678';
    w.trackingNo = '260302AB12CD34';
    Object.assign(w.ids, {
      done: randomUUID(),
      open: randomUUID(),
      late: randomUUID(),
      aid1: randomUUID(),
      aid2: randomUUID(),
      aid3: randomUUID(),
    });
    const cols =
      'id, tracking_no, county_code, service_item, channel, status, requester_name, requester_phone_enc, requester_phone_hash, requester_phone_masked, requester_id_enc, requester_id_masked, requester_address_enc, region_code, description, received_site_id, received_region_code, owner_id, handler_site_id, handler_region_code, handler_post, handler_id, time_limit, started_at, due_at, due_state, pauses, missing_materials, result, dispatched_at, accepted_at, concluded_at, version';
    const types =
      'id uuid, tracking_no text, county_code text, service_item text, channel text, status text, requester_name text, requester_phone_enc text, requester_phone_hash text, requester_phone_masked text, requester_id_enc text, requester_id_masked text, requester_address_enc text, region_code text, description text, received_site_id uuid, received_region_code text, owner_id uuid, handler_site_id uuid, handler_region_code text, handler_post text, handler_id uuid, time_limit jsonb, started_at timestamptz, due_at timestamptz, due_state text, pauses jsonb, missing_materials jsonb, result text, dispatched_at timestamptz, accepted_at timestamptz, concluded_at timestamptz, version int';
    const legalAid = {
      service_item: 'legalAid',
      channel: 'walk_in',
      handler_site_id: w.ids.center,
      handler_region_code: '411522',
      handler_post: 'legalAidDesk',
    };
    await insertJson(db, 'service_requests', cols, types, [
      request(w.ids.done!, w.trackingNo, w.phone, 'concluded'),
      request(w.ids.open!, '260302EF56GH78', '13912345678', 'dispatched', {
        requester_id_enc: null,
        requester_id_masked: null,
        requester_address_enc: null,
      }),
      request(w.ids.late!, '260302JK90MN12', '13612345678', 'accepted', { missing_materials: ['身份证复印件'] }),
      request(w.ids.aid1!, '260302PQ34RS56', '13512345678', 'accepted', legalAid),
      request(w.ids.aid2!, '260302TV78WX90', '13512345679', 'accepted', legalAid),
      request(w.ids.aid3!, '260302YZ12AB34', '13512345670', 'accepted', legalAid),
    ]);
    const events = [w.ids.done, w.ids.open, w.ids.late].flatMap((id, n) => [
      {
        request_id: id,
        at: '2026-03-02T02:00:00Z',
        actor_id: null,
        actor_name: '',
        type: 'submitted',
        from_status: null,
        to_status: 'submitted',
        note: '',
        data: { channel: 'web' },
        public: true,
      },
      {
        request_id: id,
        at: '2026-03-02T02:00:01Z',
        actor_id: null,
        actor_name: '',
        type: 'dispatched',
        from_status: 'submitted',
        to_status: 'dispatched',
        note: '',
        data: { siteName: '十里镇公共法律服务工作站' },
        public: true,
      },
      ...(n === 1
        ? []
        : [
            {
              request_id: id,
              at: '2026-03-02T03:00:00Z',
              actor_id: w.ids.handler,
              actor_name: '工作站调解员',
              type: 'accepted',
              from_status: 'dispatched',
              to_status: 'accepted',
              note: '内部备注',
              data: null,
              public: false,
            },
          ]),
    ]);
    await insertJson(
      db,
      'request_events',
      'request_id, at, actor_id, actor_name, type, from_status, to_status, note, data, public',
      'request_id uuid, at timestamptz, actor_id uuid, actor_name text, type text, from_status text, to_status text, note text, data jsonb, public boolean',
      events,
    );
    await run(
      db,
      `insert into evaluations (request_id, grade, attitude, efficiency, competence, comment, handler_id, handler_site_id) values ($1, 2, 2, 3, 2, '拖得太久', $2, $3)`,
      [w.ids.done, w.ids.handler, w.ids.station],
    );
    await run(
      db,
      `insert into supervision_orders (request_id, issued_by, instruction, due_at) values ($1, $2, '请三日内反馈', '2026-03-06T09:00:00Z')`,
      [w.ids.late, w.ids.admin],
    );
    await run(
      db,
      `insert into notifications (staff_id, request_id, kind, dedupe_key, title, body) values ($1, $2, 'overdue', $3, '已超期', '')`,
      [w.ids.handler, w.ids.late, `overdue:${w.ids.late}`],
    );
    await run(
      db,
      `insert into outbox (request_id, channel, recipient_enc, template, payload, status, attempts, last_error) values ($1, 'sms', $2, 'requestReceived', '{"trackingNo":"260302AB12CD34"}', 'sent', 1, null), ($1, 'sms', $2, 'requestConcluded', '{}', 'failed', 8, 'provider said no')`,
      [w.ids.done, w.cipher.encrypt(w.phone)],
    );
    await run(db, `insert into rectifications (request_id, site_id, staff_id, due_at) values ($1, $2, $3, '2026-03-24T15:59:59Z')`, [
      w.ids.done,
      w.ids.station,
      w.ids.handler,
    ]);
    await run(
      db,
      `insert into follow_up_calls (request_id, called_by, outcome, satisfied, note, status, called_at) values ($1, $2, 'reached', false, '仍不满意', 'done', '2026-03-04T02:00:00Z')`,
      [w.ids.done, w.ids.admin],
    );
    await run(
      db,
      `insert into request_attachments (request_id, filename, content_type, size, sha256, data, uploaded_by) values ($1, '材料.pdf', 'application/pdf', 5, 'sha', '\\x255044462d'::bytea, $2)`,
      [w.ids.late, w.ids.handler],
    );
  },

  async '0004_legal_aid'(db, w) {
    await run(
      db,
      `insert into aid_hardship_standards (region_code, basis, amount, effective_from, note) values ('41', 'perCapitaIncome', 1020.50, '2025-01-01', '河南省标准')`,
    );
    await run(db, `insert into aid_settings (county_code, materials_days) values ('411522', 10)`);
    w.ids.provider = randomUUID();
    await run(
      db,
      `insert into aid_providers (id, county_code, staff_id, name, kind, organisation, matter_categories, prior_clients) values ($1, '411522', $2, '李律师', 'lawyer', '光山律师事务所', '{labour,family}', '{某某公司}')`,
      [w.ids.provider, w.ids.handler],
    );
    await run(db, `insert into aid_case_numbers (county_code, year, last) values ('411522', 2026, 3)`);
    Object.assign(w.ids, { case1: randomUUID(), case2: randomUUID(), case3: randomUUID() });
    const cases = [
      // refused, with an objection still under review
      {
        id: w.ids.case1,
        request_id: w.ids.aid1,
        case_no: '光山援〔2026〕1号',
        stage: 'refused',
        decision: 'refuse',
        decided_at: '2026-03-03T02:00:00Z',
        terminated_at: null,
        provider_id: null,
      },
      // terminated after assignment, its objection upheld
      {
        id: w.ids.case2,
        request_id: w.ids.aid2,
        case_no: '光山援〔2026〕2号',
        stage: 'terminated',
        decision: 'grant',
        decided_at: '2026-03-03T03:00:00Z',
        terminated_at: '2026-03-10T03:00:00Z',
        provider_id: w.ids.provider,
      },
      // refused, the objection corrected it: back in review
      {
        id: w.ids.case3,
        request_id: w.ids.aid3,
        case_no: '光山援〔2026〕3号',
        stage: 'review',
        decision: null,
        decided_at: '2026-03-03T04:00:00Z',
        terminated_at: null,
        provider_id: null,
      },
    ].map((c) => ({
      ...c,
      county_code: '411522',
      region_code: w.ids.village,
      applicant_kind: 'self',
      matter_category: 'labour',
      aid_form: 'litigation',
      matter_summary: '讨要工资',
      opposing_party: '某某公司',
      family_members: [{ relation: '配偶', income: 800 }],
      monthly_family_income: 1500.25,
      eligibility: { income: 'pass', matter: 'pass' },
    }));
    await insertJson(
      db,
      'aid_cases',
      'id, request_id, case_no, stage, decision, decided_at, terminated_at, provider_id, county_code, region_code, applicant_kind, matter_category, aid_form, matter_summary, opposing_party, family_members, monthly_family_income, eligibility',
      'id uuid, request_id uuid, case_no text, stage text, decision text, decided_at timestamptz, terminated_at timestamptz, provider_id uuid, county_code text, region_code text, applicant_kind text, matter_category text, aid_form text, matter_summary text, opposing_party text, family_members jsonb, monthly_family_income numeric, eligibility jsonb',
      cases,
    );
    await insertJson(
      db,
      'aid_objections',
      'case_id, against, grounds, filed_via, due_at, decision, decided_at',
      'case_id uuid, against text, grounds text, filed_via text, due_at timestamptz, decision text, decided_at timestamptz',
      [
        {
          case_id: w.ids.case1,
          against: 'refusal',
          grounds: '我符合条件',
          filed_via: 'portal',
          due_at: '2026-03-08T03:00:00Z',
          decision: null,
          decided_at: null,
        },
        {
          case_id: w.ids.case2,
          against: 'termination',
          grounds: '不应终止',
          filed_via: 'desk',
          due_at: '2026-03-15T03:00:00Z',
          decision: 'uphold',
          decided_at: '2026-03-12T03:00:00Z',
        },
        {
          case_id: w.ids.case3,
          against: 'refusal',
          grounds: '收入算错了',
          filed_via: 'portal',
          due_at: '2026-03-08T04:00:00Z',
          decision: 'correct',
          decided_at: '2026-03-05T04:00:00Z',
        },
      ],
    );
  },

  async '0005_knowledge'(db) {
    const { rows } = await run(
      db,
      `insert into laws (name, category, version, source, article_count) values ('中华人民共和国劳动合同法', '法律', '2012-12-28', 'npc.gov.cn', 2) returning id`,
    );
    const lawId = (rows[0] as { id: number }).id;
    const articles = await run(
      db,
      `insert into law_articles (law_id, article, number, chapter, text, version, seq) values
         ($1, '第三十条', 30, '第三章', '用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬。', '2012-12-28', 30),
         ($1, '第八十二条', 82, '第七章', '用人单位自用工之日起超过一个月不满一年未与劳动者订立书面劳动合同的，应当向劳动者每月支付二倍的工资。', '2012-12-28', 82)
       returning id`,
      [lawId],
    );
    const [a30, a82] = (articles.rows as { id: number }[]).map((r) => r.id);
    await run(db, `insert into law_article_versions (article_id, version, text) values ($1, '2007-06-29', '旧文本')`, [a82]);
    const entries = await run(
      db,
      `insert into kb_entries (kind, external_id, title, body, origin, status, published_at) values
         ('qa', 'qa-1', '老板拖欠工资怎么办', '可以向劳动监察投诉或申请仲裁。', 'imported', 'published', '2026-01-01T00:00:00Z'),
         ('guide', null, '讨薪指南', '先收集证据。', 'staff', 'draft', null)
       returning id`,
    );
    const [qa] = (entries.rows as { id: number }[]).map((r) => r.id);
    await run(db, `insert into kb_entry_refs (entry_id, article_id) values ($1, $2)`, [qa, a30]);
    const docs = await run(
      db,
      `insert into kb_docs (kind, source_id, length, visible) values ('article', $1, 20, true), ('article_bigram', $1, 30, true), ('qa', $2, 12, true) returning id`,
      [a30, qa],
    );
    const [d1, d2, d3] = (docs.rows as { id: number }[]).map((r) => r.id);
    await run(
      db,
      `insert into kb_postings (kind, term, doc_id, tf) values ('article', '工资', $1, 2), ('article', '劳动者', $1, 1), ('article_bigram', '工资', $2, 2), ('qa', '拖欠', $3, 1)`,
      [d1, d2, d3],
    );
  },

  async '0006_legal_aid_more'(db, w) {
    w.ids.aid4 = randomUUID();
    await run(
      db,
      `insert into service_requests (id, tracking_no, county_code, service_item, channel, status, requester_name, requester_phone_enc,
         requester_phone_hash, requester_phone_masked, region_code, description, time_limit)
       values ($1, '260305CD56EF78', '411522', 'legalAid', 'walk_in', 'submitted', '赵某', $2, $3, '135****0001', $4, '亲属被羁押', '{"unit":"calendar","days":7,"dueSoonDays":2}')`,
      [w.ids.aid4, w.cipher.encrypt('13500000001'), w.cipher.hash('13500000001'), w.ids.village],
    );
    await run(
      db,
      `insert into aid_cases (request_id, county_code, region_code, stage, applicant_kind, proxy_name, proxy_relation, proxy_phone_enc,
         proxy_phone_masked, proxy_phone_hash, matter_category, aid_form, matter_summary, eligibility, first_review_due_at)
       values ($1, '411522', $2, 'firstReview', 'relativeOfDetained', '赵某', '父亲', $3, '135****0002', $4, 'criminal', 'defence', '刑事辩护', '{}', '2026-03-10T09:00:00Z')`,
      [w.ids.aid4, w.ids.village, w.cipher.encrypt('13500000002'), w.cipher.hash('13500000002')],
    );
  },

  async '0007_consultation_hotline'(db, w) {
    await run(
      db,
      `insert into consultation_messages (request_id, author, staff_id, body) values ($1, 'citizen', null, '还想问一下'), ($1, 'staff', $2, '可以的')`,
      [w.ids.done, w.ids.handler],
    );
    await run(
      db,
      `insert into kb_entries (kind, title, body, origin, status, from_request_id) values ('qa', '柴草堆放纠纷', '可申请调解。', 'consultation', 'review', $1)`,
      [w.ids.done],
    );
    const roster = await run(
      db,
      `insert into hotline_roster (county_code, day, shift, staff_id) values ('411522', '2026-03-09', 'am', $1), ('411522', '2026-03-09', 'pm', $2) returning id`,
      [w.ids.handler, w.ids.admin],
    );
    await run(db, `insert into hotline_swaps (roster_id, from_staff_id, to_staff_id, reason) values ($1, $2, $3, '出庭')`, [
      (roster.rows[0] as { id: number }).id,
      w.ids.handler,
      w.ids.admin,
    ]);
    await run(
      db,
      `insert into hotline_calls (county_code, external_id, started_at, ended_at, duration_seconds, caller_phone_enc, caller_phone_masked, caller_phone_hash, staff_id, summary, outcome, transferred_to, request_id, satisfaction) values
         ('411522', 'call-1', '2026-03-09T01:00:00Z', '2026-03-09T01:10:00Z', 600, $1, '138****5678', $2, $3, '宅基地纠纷', 'request', null, $4, 5),
         ('411522', 'call-2', '2026-03-09T02:00:00Z', null, null, null, '', null, null, '', 'transferred', '12345', null, null)`,
      [w.cipher.encrypt(w.phone), w.cipher.hash(w.phone), w.ids.handler, w.ids.done],
    );
  },

  async '0008_privacy'(db, w) {
    await run(db, `insert into privacy_retention (county_code, record_type, months, updated_by) values ('411522', 'hotlineCall', 12, $1)`, [
      w.ids.admin,
    ]);
  },

  async '0009_notifications'(db, w) {
    await run(
      db,
      `insert into notify_settings (county_code, staff_sms, kinds, updated_by) values ('411522', true, '{overdue,supervision}', $1)`,
      [w.ids.admin],
    );
    await run(
      db,
      `insert into notifications (staff_id, request_id, kind, category, entity_type, entity_id, dedupe_key, title, body)
       values ($1, $2, 'dispatched', 'requests', 'serviceRequest', $4, $3, '【派单】人民调解', '请调解'),
              ($1, null, 'hotlineSwap', 'hotline', 'hotlineSwap', '1', 'swap:1', '【换班】2026-03-09 上午 12348 值班', '出庭')`,
      [w.ids.handler, w.ids.late, `dispatched:${w.ids.late}:2`, w.ids.late],
    );
    await run(
      db,
      `insert into outbox (request_id, channel, recipient_staff_id, template, payload) values ($1, 'sms', $2, 'staffNotice', '{"title":"【派单】人民调解"}')`,
      [w.ids.late, w.ids.handler],
    );
  },

  async '0012_aid_statutory_periods'(db, w) {
    // a province's period for objecting with its basis; a refusal letter served on the applicant
    await run(db, `update aid_settings set objection_days = 30, objection_basis = '某省法律援助条例第三十条' where county_code = '411522'`);
    if (w.ids.case1) await run(db, `update aid_cases set decision_served_at = '2026-03-04T02:00:00Z' where id = $1`, [w.ids.case1]);
  },
};

/** Backfills a migration promises for rows that existed before it, checked when the upgrade went through it. */
export const BACKFILLS: Record<string, (db: Kysely<unknown>, w: World) => Promise<void>> = {
  async '0012_aid_statutory_periods'(db) {
    // 第四十九条 sets no period for objecting: an earlier release's objection_days (the old default 15) has no basis,
    // so it stays as it was and reads as no period (settings.service.ts aidSettings)
    const { rows } = await run(db, `select objection_days, objection_basis from aid_settings where county_code = '411522'`);
    for (const r of rows as { objection_days: number | null; objection_basis: string | null }[]) assert.equal(r.objection_basis, null);
  },
  async '0009_notifications'(db, w) {
    // an earlier release's notice counts under its kind's menu and opens the request it was about
    if (!w.ids.late) return;
    const { rows } = await run(
      db,
      `select category, entity_type, entity_id from notifications where request_id = $1 and kind = 'overdue'`,
      [w.ids.late],
    );
    assert.deepEqual(rows, [{ category: 'requests', entity_type: 'serviceRequest', entity_id: w.ids.late }]);
  },
  async '0006_legal_aid_more'(db, w) {
    // the refusal or termination each objection is against; none for one whose objection corrected the decision
    const { rows } = await run(db, `select case_id::text as case_id, against_at from aid_objections order by case_id`);
    const at = new Map(
      (rows as { case_id: string; against_at: Date | null }[]).map((r) => [r.case_id, r.against_at?.toISOString() ?? null]),
    );
    assert.equal(at.get(w.ids.case1!), '2026-03-03T02:00:00.000Z', 'against the refusal');
    assert.equal(at.get(w.ids.case2!), '2026-03-10T03:00:00.000Z', 'against the termination');
    assert.equal(at.get(w.ids.case3!), null, 'corrected: no longer against a decision');
    const { rows: settings } = await run(db, `select first_review_policy from aid_settings`);
    assert.deepEqual((settings[0] as { first_review_policy: unknown }).first_review_policy, { unit: 'working', days: 3, dueSoonDays: 1 });
  },
};
