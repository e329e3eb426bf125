/*
 * What in a text looks like a phone or an ID number: the same shapes the server refuses to publish
 * (server/modules/knowledge/anonymise.ts), found here only to tell the reviewer which words to remove.
 */
const SHAPES = [
  /[1-9][0-9]{5}(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx]/g,
  /(?:\+?86[-\s]?)?1[3-9][0-9](?:[-\s]?[0-9]{4}){2}/g,
  /0[0-9]{2,3}-?[0-9]{7,8}/g,
];

const digit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

export function personalDataIn(text: string): string[] {
  const found = new Set<string>();
  for (const shape of SHAPES)
    for (const m of text.matchAll(shape)) {
      // not part of a longer number (the server's look-behind and look-ahead, without look-behind)
      if (digit(text[m.index - 1]) || digit(text[m.index + m[0].length])) continue;
      found.add(m[0]);
    }
  return [...found];
}
