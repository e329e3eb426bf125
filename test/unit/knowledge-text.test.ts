import { test } from 'node:test';
import assert from 'node:assert/strict';
import { articleLabel, chineseNumber, findCitations, parseNumber } from '../../server/modules/knowledge/citations.js';
import { bigrams, indexTerms } from '../../server/modules/knowledge/segment.js';
import { expansionsOf, queryTerms, snippetOf } from '../../server/modules/knowledge/search.service.js';

const LAWS = [
  '中华人民共和国民法典',
  '中华人民共和国劳动法',
  '中华人民共和国劳动合同法',
  '中华人民共和国刑法',
  '中华人民共和国民事诉讼法',
  '最高人民法院关于适用《中华人民共和国民事诉讼法》的解释',
  '工伤保险条例',
];

test('article numbers: Chinese numerals both ways, as statutes write them', () => {
  for (const [cn, n] of [
    ['一', 1],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['一百零五', 105],
    ['一百三十三', 133],
    ['一千零七十九', 1079],
    ['一千二百六十', 1260],
  ] as const) {
    assert.equal(parseNumber(cn), n, cn);
    assert.equal(chineseNumber(n), cn, String(n));
  }
  for (let n = 1; n <= 1300; n++) assert.equal(parseNumber(chineseNumber(n)), n, String(n));
  assert.equal(parseNumber('82'), 82);
  assert.equal(parseNumber('八十二条'), null);
  assert.equal(articleLabel(133, 1), '第一百三十三条之一');
  assert.equal(articleLabel(82), '第八十二条');
});

test('segmentation keeps legal terms whole and drops the frame of a question', () => {
  const terms = indexTerms('用人单位自用工之日起超过一个月不满一年未与劳动者订立书面劳动合同的，应当向劳动者每月支付二倍的工资。');
  for (const t of ['用人单位', '劳动者', '劳动合同', '工资', '书面']) assert.ok(terms.includes(t), t);
  for (const t of ['的', '应当', '，', '。']) assert.ok(!terms.includes(t), t);
  // search mode also yields the parts, so 合同 meets 劳动合同
  assert.ok(terms.includes('合同'));
  const question = indexTerms('老板拖着工资不给怎么办？');
  assert.ok(question.includes('工资') && question.includes('老板'));
  for (const t of ['怎么办', '怎么', '？']) assert.ok(!question.includes(t), t);
  assert.deepEqual(bigrams('拖欠工资'), ['拖欠', '欠工', '工资']);
});

test('colloquial words bring the law’s words, weighted below what was typed', () => {
  const terms = new Map(queryTerms('老板拖着工资不给怎么办').map((t) => [t.term, t.weight]));
  assert.equal(terms.get('工资'), 1);
  assert.equal(terms.get('老板'), 1);
  assert.ok(terms.get('用人单位')! > 0 && terms.get('用人单位')! < 1, '老板 → 用人单位');
  assert.ok(terms.has('劳动报酬'), '工资 → 劳动报酬');
  assert.ok(expansionsOf('丈夫喝醉了就打我').includes('家庭暴力'), 'a situation told in several words');
  assert.ok(expansionsOf('在工地干活摔伤了').includes('工伤'));
  assert.ok(expansionsOf('被电动车撞了').includes('交通事故'));
  assert.ok(!expansionsOf('劳动合同的试用期').includes('家庭暴力'));
});

test('citations typed by users resolve to the law held, whatever the style', () => {
  const one = (q: string) => findCitations(q, LAWS).map((c) => [c.law, c.number, c.sub]);
  assert.deepEqual(one('劳动合同法第82条'), [['中华人民共和国劳动合同法', 82, null]]);
  assert.deepEqual(one('民法典1079条'), [['中华人民共和国民法典', 1079, null]]);
  assert.deepEqual(one('《中华人民共和国民法典》第一千零七十九条'), [['中华人民共和国民法典', 1079, null]]);
  assert.deepEqual(one('劳动法第三条'), [['中华人民共和国劳动法', 3, null]], '劳动法, not 劳动合同法');
  assert.deepEqual(one('刑法第一百三十三条之一'), [['中华人民共和国刑法', 133, 1]]);
  assert.deepEqual(one('民诉法解释第九十条'), [['最高人民法院关于适用《中华人民共和国民事诉讼法》的解释', 90, null]]);
  assert.deepEqual(one('依照民法典第一千零七十九条、第一千零八十条的规定'), [
    ['中华人民共和国民法典', 1079, null],
    ['中华人民共和国民法典', 1080, null],
  ]);
  assert.deepEqual(one('婚姻法第三十二条'), [], 'a superseded law is not guessed as the Civil Code');
  assert.deepEqual(one('第八十二条'), [], 'no law named: nothing to resolve');
  assert.deepEqual(one('工伤保险条例第十四条规定'), [['工伤保险条例', 14, null]]);
});

test('inside a statute, 本法 is the statute itself', () => {
  const text = '用人单位违反本法规定解除或者终止劳动合同的，应当依照本法第四十七条规定的经济补偿标准的二倍向劳动者支付赔偿金。';
  const found = findCitations(text, LAWS, '中华人民共和国劳动合同法');
  assert.deepEqual(
    found.map((c) => [c.law, c.number, text.slice(c.start, c.end)]),
    [['中华人民共和国劳动合同法', 47, '第四十七条']],
  );
});

test('a snippet shows the passage where the words are, with their places marked', () => {
  const text = `${'前言'.repeat(100)}用人单位拖欠劳动报酬的，劳动者可以申请支付令。${'后记'.repeat(100)}`;
  const { snippet, marks } = snippetOf(text, ['劳动报酬', '支付令']);
  assert.ok(snippet.startsWith('…') && snippet.endsWith('…'));
  assert.deepEqual(
    marks.map(([a, b]) => snippet.slice(a, b)),
    ['劳动报酬', '支付令'],
  );
});
