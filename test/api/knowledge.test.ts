import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { testConfig } from '../helpers/db.js';
import { assertError } from '../helpers/http.js';
import { importLaws, importQa, seedKnowledge, type LawRecord } from '../../server/modules/knowledge/library.js';
import { readReferenceData } from '../../server/reference-data.js';

/*
 * The law and Q&A library as the first start imports it (the repository's reference-data/laws.jsonl and
 * qa.jsonl, read as the server reads them), searched through the public API: citations, colloquial questions,
 * what citizens may see, links inside articles, and a newer edition of a law that keeps every link.
 */

let t: TestApp;
let laws: LawRecord[];
before(async () => {
  t = await startTestApp();
  const { library } = await readReferenceData(testConfig({ seedKnowledge: 'auto' }));
  laws = library!.laws;
  const report = await seedKnowledge(t.db, library!);
  assert.equal(report?.laws.added, 6295);
  assert.equal(report?.laws.laws, 64);
  assert.deepEqual([report?.qa.entries, report?.qa.published], [1096, 1096], 'the shipped answers are all MIT, all shown');
});
after(() => t.close());

interface Item {
  kind: string;
  id: number;
  law?: string;
  article?: string;
  number?: number;
  text?: string;
  question?: string;
  answer?: string;
  match?: string;
  score: number;
  snippet: string;
  marks: [number, number][];
}
const find = async (q: string, kind = 'article', limit = 10) => {
  const res = await t.app.inject({ url: `/api/v1/knowledge/search?q=${encodeURIComponent(q)}&kind=${kind}&limit=${limit}` });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().items as Item[];
};

test('a citation typed any way finds that article first, spelled as in laws.jsonl', async () => {
  for (const [q, law, article] of [
    ['劳动合同法第82条', '中华人民共和国劳动合同法', '第八十二条'],
    ['民法典1079条', '中华人民共和国民法典', '第一千零七十九条'],
    ['《中华人民共和国民法典》第一千零八十五条', '中华人民共和国民法典', '第一千零八十五条'],
    ['刑法第133条之一', '中华人民共和国刑法', '第一百三十三条之一'],
    ['工伤保险条例第十四条', '工伤保险条例', '第十四条'],
  ] as const) {
    const [first] = await find(q);
    assert.equal(first?.kind, 'article', q);
    assert.deepEqual([first?.law, first?.article, first?.match], [law, article, 'citation'], q);
  }
  const [first] = await find('劳动合同法第82条');
  assert.equal(first!.number, 82);
  assert.match(first!.text!, /二倍的工资/);
});

test('plain-words questions find the articles a lawyer would cite (a fixed set, first ten results)', async () => {
  const cases: [string, string[]][] = [
    ['老板拖着工资不给怎么办', ['中华人民共和国劳动合同法|第三十条', '中华人民共和国劳动法|第五十条', '保障农民工工资支付条例|第三条']],
    ['没签劳动合同能要双倍工资吗', ['中华人民共和国劳动合同法|第八十二条']],
    [
      '被车撞了对方不赔钱',
      ['中华人民共和国民法典|第一千二百零八条', '中华人民共和国道路交通安全法|第七十六条', '中华人民共和国民法典|第一千二百一十三条'],
    ],
    [
      '儿子不给老人生活费',
      ['中华人民共和国民法典|第一千零六十七条', '中华人民共和国老年人权益保障法|第十四条', '中华人民共和国老年人权益保障法|第十九条'],
    ],
    ['丈夫打我能离婚吗', ['中华人民共和国民法典|第一千零七十九条', '中华人民共和国反家庭暴力法|第二十三条']],
    ['在工地干活摔伤了老板不管', ['工伤保险条例|第十四条', '工伤保险条例|第十七条']],
    ['离婚后孩子抚养费怎么算', ['中华人民共和国民法典|第一千零八十五条']],
    ['借钱不还打了借条怎么起诉', ['最高人民法院关于审理民间借贷案件适用法律若干问题的规定|第二条', '中华人民共和国民法典|第六百七十五条']],
    ['邻居在我家门口堆放柴草', ['中华人民共和国民法典|第二百八十八条']],
    ['买到过期食品能要十倍赔偿吗', ['中华人民共和国食品安全法|第一百四十八条']],
    [
      '公司辞退我没有补偿',
      ['中华人民共和国劳动合同法|第四十六条', '中华人民共和国劳动合同法|第四十七条', '中华人民共和国劳动合同法|第八十七条'],
    ],
    [
      '家里穷请不起律师怎么办',
      ['中华人民共和国法律援助法|第二条', '中华人民共和国法律援助法|第三十一条', '中华人民共和国法律援助法|第三十四条'],
    ],
  ];
  const missed: string[] = [];
  for (const [q, expected] of cases) {
    const keys = (await find(q)).map((i) => `${i.law}|${i.article}`);
    if (!keys.some((k) => expected.includes(k))) missed.push(`${q} → ${keys.slice(0, 3).join('; ')}`);
  }
  assert.ok(missed.length <= 2, `found for ${cases.length - missed.length} of ${cases.length}; missed:\n${missed.join('\n')}`);
});

test('results show the passage with the words found marked', async () => {
  const [first] = await find('没签劳动合同能要双倍工资吗');
  assert.ok(first!.marks.length > 0);
  const marked = first!.marks.map(([a, b]) => first!.snippet.slice(a, b));
  assert.ok(
    marked.some((m) => ['劳动合同', '工资', '书面劳动合同', '二倍的工资'].includes(m)),
    marked.join(','),
  );
});

test('citizens see only Q&A whose licence allows it: never restricted material', async () => {
  // material whose licence does not allow showing it (none is shipped, but a county may import its own)
  const question = '工资被克扣了三个月，劳动监察大队不管怎么办';
  const imported = await importQa(t.db, [
    { id: 'test-restricted-1', question, answer: '可以向劳动争议仲裁委员会申请仲裁。', license: 'no licence file (test)' },
  ]);
  assert.equal(imported.restricted, 1);
  const restricted = await t.db
    .selectFrom('kb_entries')
    .select(['id', 'status'])
    .where('external_id', '=', 'test-restricted-1')
    .executeTakeFirstOrThrow();
  assert.equal(restricted.status, 'restricted');
  assert.ok(!(await find(question, 'qa', 50)).some((i) => i.id === restricted.id), 'not found even by its own words');

  const items = await find('工资', 'qa', 50);
  assert.ok(items.length > 0);
  const ids = items.map((i) => i.id);
  const rows = await t.db.selectFrom('kb_entries').select(['id', 'status', 'license']).where('id', 'in', ids).execute();
  for (const r of rows) {
    assert.equal(r.status, 'published', `entry ${r.id}`);
    assert.match(r.license, /^MIT/);
  }
  assertError(await t.app.inject({ url: `/api/v1/knowledge/entries/${restricted.id}` }), 404, 'NOT_FOUND');
  const all = await find('劳动合同 工资', 'all', 20);
  assert.ok(all.some((i) => i.kind === 'article') && all.some((i) => i.kind === 'qa'), 'a mixed list');
  for (let i = 1; i < all.length; i++) assert.ok(all[i - 1]!.score >= all[i]!.score, 'best first');
});

test('an article page resolves the articles its text refers to, and lists the answers citing it', async () => {
  const law = (await t.app.inject({ url: '/api/v1/knowledge/laws' })).json() as { id: number; name: string }[];
  assert.equal(law.length, 64);
  const contract = law.find((l) => l.name === '中华人民共和国劳动合同法')!;
  const contents = (await t.app.inject({ url: `/api/v1/knowledge/laws/${contract.id}` })).json();
  assert.equal(contents.articles.length, 98);
  assert.equal(contents.articles[0].article, '第一条');
  const a87 = contents.articles.find((a: { article: string }) => a.article === '第八十七条');
  const page = (await t.app.inject({ url: `/api/v1/knowledge/articles/${a87.id}` })).json();
  const link = page.links.find((l: { article: string }) => l.article === '第四十七条');
  assert.ok(link, JSON.stringify(page.links));
  assert.equal(page.text.slice(link.start, link.end), '第四十七条');
  const target = (await t.app.inject({ url: `/api/v1/knowledge/articles/${link.articleId}` })).json();
  assert.equal(target.law, '中华人民共和国劳动合同法');
  assert.match(target.text, /经济补偿按劳动者在本单位工作的年限/);
  assert.equal(page.previous.article, '第八十六条');
  assert.equal(page.next.article, '第八十八条');

  const cited = await t.db
    .selectFrom('kb_entry_refs as r')
    .innerJoin('kb_entries as e', 'e.id', 'r.entry_id')
    .select(['r.article_id', 'e.id'])
    .where('e.status', '=', 'published')
    .limit(1)
    .executeTakeFirstOrThrow();
  const withAnswers = (await t.app.inject({ url: `/api/v1/knowledge/articles/${cited.article_id}` })).json();
  assert.ok(withAnswers.citedBy.some((e: { id: number }) => e.id === cited.id));
});

test('a newer edition keeps every article’s id and every answer’s link; earlier text kept; a dropped article is marked repealed', async () => {
  const records = laws.filter((r) => r.law === '中华人民共和国人民调解法');
  const before = await t.db
    .selectFrom('law_articles as a')
    .innerJoin('laws as l', 'l.id', 'a.law_id')
    .select(['a.id', 'a.article', 'a.text'])
    .where('l.name', '=', '中华人民共和国人民调解法')
    .orderBy('a.seq')
    .execute();
  // an answer citing the article that the new edition drops
  const last = before.at(-1)!;
  const entry = await t.db
    .insertInto('kb_entries')
    .values({
      kind: 'qa',
      title: '人民调解法什么时候施行？',
      body: '自2011年1月1日起施行。',
      origin: 'staff',
      status: 'published',
      service_item: null,
      created_by: null,
      reviewed_by: null,
      published_at: new Date(),
      external_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db.insertInto('kb_entry_refs').values({ entry_id: entry.id, article_id: last.id }).execute();

  const edition = records
    .filter((r) => r.article !== last.article)
    .map((r) =>
      r.article === '第二条' ? { ...r, text: `${r.text}（2030年修订）`, version: '2030-01-01' } : { ...r, version: '2030-01-01' },
    );
  const report = await importLaws(t.db, edition);
  assert.deepEqual([report.added, report.changed, report.repealed], [0, records.length - 1, 1]);

  const after = await t.db
    .selectFrom('law_articles as a')
    .innerJoin('laws as l', 'l.id', 'a.law_id')
    .select(['a.id', 'a.article', 'a.text', 'a.repealed', 'a.version'])
    .where('l.name', '=', '中华人民共和国人民调解法')
    .orderBy('a.seq')
    .execute();
  assert.deepEqual(
    after.map((a) => [a.article, a.id]),
    before.map((a) => [a.article, a.id]),
    'same ids',
  );
  const second = after.find((a) => a.article === '第二条')!;
  assert.match(second.text, /2030年修订/);
  const page = (await t.app.inject({ url: `/api/v1/knowledge/articles/${second.id}` })).json();
  assert.deepEqual(
    page.history.map((h: { text: string }) => h.text),
    [before.find((a) => a.article === '第二条')!.text],
    'the earlier text is kept',
  );
  assert.equal(after.at(-1)!.repealed, true);
  const answer = (await t.app.inject({ url: `/api/v1/knowledge/entries/${entry.id}` })).json();
  assert.deepEqual(
    answer.refs.map((r: { articleId: number }) => r.articleId),
    [last.id],
    'the answer still finds the article it cited',
  );
  const bySearch = await find(last.text.slice(0, 20));
  assert.ok(!bySearch.some((i) => i.id === last.id && i.match === 'text'), 'a repealed article leaves the search');
});

test('smart consultation: the articles with a plain-words answer where one exists, similar questions, and the services with where to go', async () => {
  const ask = async (q: string, regionCode?: string) => {
    const res = await t.app.inject({
      url: `/api/v1/knowledge/consult?q=${encodeURIComponent(q)}${regionCode ? `&regionCode=${regionCode}` : ''}`,
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };
  const wages = await ask('老板拖欠工资三个月不给，我是外出打工的', '411522101203');
  assert.ok(wages.articles.length > 0 && wages.articles.length <= 5);
  const aid = wages.services.find((s: { serviceItem: string }) => s.serviceItem === 'legalAid');
  assert.ok(aid, JSON.stringify(wages.services));
  assert.ok(aid.reasons.includes('wagesNoMeansTest'));
  assert.equal(aid.site.name, '十里镇公共法律服务工作站', 'legal aid is applied for at the town station');

  const neighbour = await ask('邻居在我家门口堆放柴草，说了也不听', '411522101203');
  const mediation = neighbour.services.find((s: { serviceItem: string }) => s.serviceItem === 'mediation');
  assert.ok(mediation?.reasons.includes('neighbourMediation'), JSON.stringify(neighbour.services));
  assert.equal(mediation.site.name, '吴明村公共法律服务室', 'the village mediation committee sits in the village room');
  assert.ok(neighbour.articles.some((a: { article: string }) => a.article === '第二百八十八条'));

  const withSummary = await ask('夫妻一方经营个体工商户所欠债务谁偿还');
  assert.ok(
    withSummary.articles.some((a: { summary: { answer: string } | null }) => a.summary?.answer),
    'an article cited by an answered question carries its plain-words answer',
  );
  for (const q of withSummary.similar) {
    const row = await t.db.selectFrom('kb_entries').select('status').where('id', '=', q.id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'published');
  }
  assertError(await t.app.inject({ url: '/api/v1/knowledge/consult?q=a&regionCode=12' }), 400, 'VALIDATION_FAILED');
});

test('bad search input gets a coded 400', async () => {
  for (const q of ['q=', 'q=%20&limit=0', 'kind=law&q=x', `q=${'长'.repeat(501)}`, 'q=x&limit=51']) {
    assertError(await t.app.inject({ url: `/api/v1/knowledge/search?${q}` }), 400, 'VALIDATION_FAILED');
  }
  assertError(await t.app.inject({ url: '/api/v1/knowledge/articles/0' }), 400, 'VALIDATION_FAILED');
  assertError(await t.app.inject({ url: '/api/v1/knowledge/articles/999999' }), 404, 'NOT_FOUND');
  assertError(await t.app.inject({ url: '/api/v1/knowledge/laws/abc' }), 400, 'VALIDATION_FAILED');
});
