import type { ReactNode } from 'react';
import type { LawArticle, Marks } from '../../shared/api/knowledge.js';
import { Link } from '../router.js';

/** The ranges that fit in `length`, in order, none overlapping the one before (the server's, checked once more). */
function clean<T extends { start: number; end: number }>(ranges: T[], length: number): T[] {
  const out: T[] = [];
  for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
    if (r.start < 0 || r.end > length || r.start >= r.end) continue;
    const last = out[out.length - 1];
    if (last && r.start < last.end) continue;
    out.push(r);
  }
  return out;
}

/** A passage with the words found marked (<mark>), as text: never as HTML. */
export function MarkedText({ text, marks }: { text: string; marks: Marks }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const { start, end } of clean(
    marks.map(([start, end]) => ({ start, end })),
    text.length,
  )) {
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

/**
 * An article's text, a paragraph per line, with each reference to another article ("依照本法第四十七条") a link
 * to that article.
 */
export function ArticleParagraphs({
  text,
  links,
  label,
}: {
  text: string;
  links: LawArticle['links'];
  label: (l: LawArticle['links'][number]) => string;
}) {
  const refs = clean(links, text.length);
  const paragraphs: ReactNode[] = [];
  let from = 0;
  for (const line of text.split('\n')) {
    const to = from + line.length;
    const parts: ReactNode[] = [];
    let at = from;
    for (const l of refs) {
      if (l.start < from || l.end > to) continue;
      if (l.start > at) parts.push(text.slice(at, l.start));
      parts.push(
        <Link
          key={l.start}
          to={`/laws/articles/${l.articleId}`}
          className="kb-ref"
          aria-label={label(l)}
          data-testid="article-ref"
          data-article-id={l.articleId}
        >
          {text.slice(l.start, l.end)}
        </Link>,
      );
      at = l.end;
    }
    if (at < to) parts.push(text.slice(at, to));
    paragraphs.push(
      <p key={from} className="kb-paragraph">
        {parts}
      </p>,
    );
    from = to + 1;
  }
  return <>{paragraphs}</>;
}

/** 《工伤保险条例》第十七条 */
export function citation(law: string, article: string): string {
  return `《${law}》${article}`;
}
