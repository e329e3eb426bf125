import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { LEGAL_WORDS } from './vocabulary.js';

/*
 * Word segmentation for legal Chinese: jieba's dictionary (with legal terms added) in its "search" mode, which
 * yields a compound and its parts (劳动合同 → 劳动 / 合同 / 劳动合同), so that a question's 工资 meets an
 * article's 劳动报酬 only through expansion, but its 合同 meets 劳动合同 directly.
 */

let jieba: Jieba | undefined;
function segmenter(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    // a legal term must stay one word (jieba's general dictionary splits some: 先予执行, 诉讼时效 …)
    jieba.loadDict(Buffer.from(LEGAL_WORDS.map((w) => `${w} 100000 n`).join('\n')));
  }
  return jieba;
}

/** Function words and the everyday frame of a question: they match everything and say nothing. */
const STOP = new Set(
  (
    '的 了 在 是 我 有 和 就 不 人 都 一 一个 上 也 很 到 说 要 去 你 会 着 没有 看 好 自己 这 那 他 她 它 们 我们 你们 他们 ' +
    '之 与 及 或 或者 其 该 以 为 对 于 由 被 把 向 从 而 并 等 应 应当 可以 可 不得 规定 本法 本条 前款 下列 情形 有关 依照 按照 ' +
    '怎么 怎么办 怎样 如何 什么 吗 呢 吧 啊 呀 哪 哪些 多少 能 能否 能不能 可不可以 是否 请问 请 问 谢谢 您好 你好 想 想问 咨询 ' +
    '现在 已经 还 又 再 没 给 让 跟 这个 那个 这样 那样 因为 所以 但是 但 如果 如 的话 时候 之后 以后 以前 后 前 里 中 个 条 第'
  ).split(/\s+/),
);

const WORDLIKE = /[\p{Script=Han}\p{L}\p{N}]/u;

/** The terms of a text for the index: search-mode words, without punctuation and function words. */
export function indexTerms(text: string): string[] {
  const out: string[] = [];
  for (const raw of segmenter().cutForSearch(text.normalize('NFKC'), true)) {
    const w = raw.trim().toLowerCase();
    if (!w || !WORDLIKE.test(w) || STOP.has(w)) continue;
    // a lone Han character says little, except where it is the whole matter (债, 房, 地 …)
    out.push(w);
  }
  return out;
}

/**
 * Overlapping pairs of characters (劳动合同 → 劳动 / 动合 / 合同): they match where segmentation differs
 * between a question and a statute (拖欠工资 / 拖欠劳动者工资), and rank alongside the words.
 */
export function bigrams(text: string): string[] {
  const chars = [
    ...text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^\p{Script=Han}\p{L}\p{N}]+/gu, ' '),
  ];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) if (chars[i] !== ' ' && chars[i + 1] !== ' ') out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** Term → count, for the postings of one document (pairs of characters for `bigram`). */
export function termFrequencies(text: string, bigram = false): Map<string, number> {
  const tf = new Map<string, number>();
  for (const t of bigram ? bigrams(text) : indexTerms(text)) tf.set(t, (tf.get(t) ?? 0) + 1);
  return tf;
}

/** Plain words of a text (no search-mode parts), for highlighting. */
export function words(text: string): string[] {
  return segmenter().cut(text.normalize('NFKC'), true);
}
