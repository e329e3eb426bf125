import { LAW_ALIASES } from './vocabulary.js';

/*
 * Article numbers in Chinese and in figures, and citations: typed by a citizen ("劳动合同法第82条",
 * "民法典1079条"), or written inside a text ("依照本法第四十七条", "《中华人民共和国民法典》第一千零七十九条").
 */

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 一千零七十九 → 1079, 十二 → 12, 1079 → 1079; null when it is not a number. */
export function parseNumber(text: string): number | null {
  if (/^[0-9]+$/.test(text)) return Number(text);
  let total = 0;
  let digit = -1;
  for (const ch of text) {
    if (ch in DIGITS) digit = DIGITS[ch]!;
    else if (ch in UNITS) {
      total += (digit < 0 ? 1 : digit) * UNITS[ch]!;
      digit = -1;
    } else return null;
  }
  if (digit > 0) total += digit;
  return text.length ? total : null;
}

const CN = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** 1079 → 一千零七十九, 12 → 十二 (the way statutes number articles). */
export function chineseNumber(n: number): string {
  if (n <= 0 || n >= 10000 || !Number.isInteger(n)) throw new RangeError(`article number ${n}`);
  const parts: [number, string][] = [
    [1000, '千'],
    [100, '百'],
    [10, '十'],
  ];
  let out = '';
  let rest = n;
  let zero = false;
  for (const [size, unit] of parts) {
    const d = Math.floor(rest / size);
    rest %= size;
    if (d) {
      if (zero) out += '零';
      // 十二, not 一十二, when it leads
      out += (d === 1 && size === 10 && !out ? '' : CN[d]) + unit;
      zero = false;
    } else if (out) zero = true;
  }
  if (rest) out += (zero ? '零' : '') + CN[rest];
  return out;
}

/** The heading of an article: 第八十二条, 第一百三十三条之一. */
export function articleLabel(number: number, sub?: number | null): string {
  return `第${chineseNumber(number)}条${sub ? `之${CN[sub]}` : ''}`;
}

export interface LawName {
  name: string;
  /** what people call it: the name without 中华人民共和国, and the aliases */
  shortNames: string[];
}

/** The names a law is typed by. */
export function namesOf(name: string): string[] {
  const names = new Set([name]);
  const short = name.replace(/^中华人民共和国/, '');
  names.add(short);
  for (const [alias, target] of Object.entries(LAW_ALIASES)) if (target === name) names.add(alias);
  return [...names];
}

export interface Citation {
  law: string;
  number: number;
  sub: number | null;
  /** where in the text it was found */
  start: number;
  end: number;
}

const NUM = '[0-9]{1,4}|[零〇一二两三四五六七八九十百千]{1,8}';
const ARTICLE = new RegExp(`第?\\s*(${NUM})\\s*条(?:\\s*之\\s*([一二三四五六七八九]))?`, 'gu');

/**
 * Citations of articles in a text, resolved against the laws we hold. A law named before an article
 * (《…》 or its short name, within a few characters) applies to it and to those that follow it ("第二十条、
 * 第二十一条"); "本法" means `selfLaw`.
 */
export function findCitations(text: string, laws: readonly string[], selfLaw?: string): Citation[] {
  // every mention of a law, longest names first so that 劳动合同法 wins over 劳动法
  const names: [string, string][] = [];
  for (const law of laws) for (const n of namesOf(law)) names.push([n, law]);
  names.sort((a, b) => b[0].length - a[0].length);
  const mentions: { at: number; end: number; law: string }[] = [];
  const taken: boolean[] = [];
  for (const [n, law] of names) {
    let from = 0;
    for (;;) {
      const at = text.indexOf(n, from);
      if (at < 0) break;
      from = at + n.length;
      if (taken[at]) continue;
      for (let i = at; i < at + n.length; i++) taken[i] = true;
      mentions.push({ at, end: at + n.length, law });
    }
  }
  if (selfLaw) {
    let from = 0;
    for (;;) {
      const at = text.indexOf('本法', from);
      if (at < 0) break;
      from = at + 2;
      mentions.push({ at, end: at + 2, law: selfLaw });
    }
  }
  mentions.sort((a, b) => a.at - b.at);

  const out: Citation[] = [];
  for (const m of text.matchAll(ARTICLE)) {
    const at = m.index;
    const number = parseNumber(m[1]!);
    if (number === null || number === 0) continue;
    // the nearest law mentioned before it, if nothing but a 》, spaces, 第…条、 or 的规定 lies between
    let law: string | undefined;
    for (let i = mentions.length - 1; i >= 0; i--) {
      const mention = mentions[i]!;
      if (mention.end > at) continue;
      const between = text.slice(mention.end, at);
      if (/^[》」\s、，和及或第零〇一二两三四五六七八九十百千0-9条款项之]*$/u.test(between) && between.length <= 40) law = mention.law;
      break;
    }
    if (!law) continue;
    out.push({ law, number, sub: m[2] ? parseNumber(m[2]) : null, start: at, end: at + m[0].length });
  }
  return out;
}
