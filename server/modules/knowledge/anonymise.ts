/*
 * Anonymisation of a consultation before it may become a public Q&A (个人信息保护法): the citizen's name and
 * address as given, and anything shaped like a phone number, an ID number, an e-mail or a bank card, are
 * replaced; a reviewer reads the result before it is published, and publishing refuses text that still holds
 * a phone or ID number.
 */

const PATTERNS: readonly [RegExp, string][] = [
  [/(?<![0-9])[1-9][0-9]{5}(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx](?![0-9])/g, '［身份证号］'],
  [/(?<![0-9])(?:\+?86[-\s]?)?1[3-9][0-9](?:[-\s]?[0-9]{4}){2}(?![0-9])/g, '［手机号］'],
  [/(?<![0-9])0[0-9]{2,3}-?[0-9]{7,8}(?![0-9])/g, '［电话］'],
  [/(?<![0-9])[0-9]{16,19}(?![0-9])/g, '［账号］'],
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '［邮箱］'],
];

/** What still looks like personal data in a text (for the check before publishing). */
export function personalDataIn(text: string): string[] {
  const found: string[] = [];
  for (const [pattern] of PATTERNS.slice(0, 3)) for (const m of text.matchAll(pattern)) found.push(m[0]);
  return found;
}

/**
 * Replaces the personal data of a text: the known name (and its surname + 某 forms), the known address, then
 * every pattern above.
 */
export function anonymise(text: string, known: { name?: string | null; address?: string | null } = {}): string {
  let out = text;
  const name = known.name?.trim();
  if (name && name.length >= 2) {
    out = out.split(name).join('当事人');
    // 张桂兰 is also written 张某某, 张女士, 张大姐 …: keep the surname-only forms from naming her
    const surname = [...name][0]!;
    out = out.replace(new RegExp(`${surname}(?:女士|先生|大姐|大哥|大爷|大妈|阿姨|老师)`, 'gu'), '当事人');
  }
  const address = known.address?.trim();
  if (address && address.length >= 4) out = out.split(address).join('［住址］');
  // an address told in the text: what follows 住在 / 家住 / 住址 / 地址, up to the end of the phrase
  out = out.replace(/(住在|家住|住址[:：]?|地址[:：]?|居住在)([^，。,；;！？!?\s]{2,40})/gu, '$1［住址］');
  // 我叫当事人 reads oddly: 我 is enough
  out = out.replace(/我叫当事人[，,]?/gu, '我');
  for (const [pattern, mask] of PATTERNS) out = out.replace(pattern, mask);
  return out;
}
