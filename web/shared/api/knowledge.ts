/**
 * The public knowledge API as the portal reads it (/knowledge/…): search, 智能咨询, the law library and the
 * published Q&A. Written out here so that no server code reaches a bundle; the `Contract` at the end fails the
 * type check when the server's answers drift (type imports are erased).
 */
import type { KbKind, LawCategory } from '../../../server/db/schema.js';
import type { Consultation } from '../../../server/modules/knowledge/consult.service.js';
import type { getArticle, getEntry, lawContents, listLaws } from '../../../server/modules/knowledge/library.service.js';
import type { ArticleItem as ServerArticleItem, QaItem as ServerQaItem } from '../../../server/modules/knowledge/search.service.js';

/** [start, end) of the words found, in `snippet` */
export type Marks = [number, number][];

export interface ArticleHit {
  kind: 'article';
  id: number;
  /** as in the library, e.g. 中华人民共和国劳动合同法 */
  law: string;
  /** e.g. 第八十二条 */
  article: string;
  number: number;
  text: string;
  version: string;
  chapter: string;
  score: number;
  snippet: string;
  marks: Marks;
  /** 'citation' when the reader named this article */
  match: 'citation' | 'text';
}

export interface QaHit {
  kind: 'qa' | 'guide';
  id: number;
  question: string;
  answer: string;
  answerBy: string;
  score: number;
  snippet: string;
  marks: Marks;
  refs: { law: string; article: string }[];
}

export type SearchHit = ArticleHit | QaHit;

/** The reasons a service fits a question; each is worded by the portal (knowledge.reasons.*). */
export const FIT_REASONS = [
  'wagesNoMeansTest',
  'injuryAid',
  'familyAid',
  'abuseNoMeansTest',
  'elderlyAid',
  'neighbourMediation',
  'familyMediation',
  'debtMediation',
  'trafficMediation',
  'lawyer',
  'notary',
] as const;
export type FitReason = (typeof FIT_REASONS)[number];

export interface ServiceFit {
  serviceItem: string;
  serviceItemName: string;
  reasons: FitReason[];
  /** where to go: the site nearest the village or town given, else the county center; null without a place */
  site: { id: string; name: string; kind: string; address: string; phone: string; openingHours: string } | null;
}

/** GET /knowledge/consult?q&regionCode */
export interface Consult {
  question: string;
  /** each with the plain-words answer of a published Q&A citing it, where one exists */
  articles: (ArticleHit & { summary: { entryId: number; question: string; answer: string; answerBy: string } | null })[];
  similar: QaHit[];
  services: ServiceFit[];
}

/** GET /knowledge/laws */
export interface LawSummary {
  id: number;
  name: string;
  /** 法律 / 行政法规 / 司法解释 (the library may grow: 地方性法规, 部门规章, 其他) */
  category: LawCategory;
  version: string;
  articleCount: number;
}

/** GET /knowledge/laws/:id */
export interface LawContents {
  id: number;
  name: string;
  category: LawCategory;
  version: string;
  source: string;
  articles: {
    id: number;
    article: string;
    number: number;
    sub: number | null;
    /** 编, 章 and 节; '' where the law has none */
    part: string;
    chapter: string;
    section: string;
    preview: string;
    repealed: boolean;
  }[];
}

export interface ArticleRef {
  id: number;
  article: string;
}

/** GET /knowledge/articles/:id */
export interface LawArticle {
  id: number;
  lawId: number;
  law: string;
  category: LawCategory;
  article: string;
  number: number;
  sub: number | null;
  part: string;
  chapter: string;
  section: string;
  /** paragraphs joined with \n */
  text: string;
  version: string;
  repealed: boolean;
  /** earlier texts, newest first */
  history: { version: string; text: string }[];
  /** [start, end) in `text` of a reference to another article */
  links: { start: number; end: number; articleId: number; law: string; article: string }[];
  citedBy: { id: number; kind: KbKind; title: string }[];
  previous: ArticleRef | null;
  next: ArticleRef | null;
}

/** GET /knowledge/entries/:id */
export interface KnowledgeEntry {
  id: number;
  kind: KbKind;
  question: string;
  answer: string;
  answerBy: string;
  license: string;
  source: string;
  serviceItem: string | null;
  publishedAt: string | null;
  refs: { articleId: number; law: string; article: string; text: string }[];
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

export type Contract = [
  Assert<Same<ArticleHit, ServerArticleItem>>,
  Assert<Same<QaHit, ServerQaItem>>,
  Assert<Same<Consult, Consultation>>,
  Assert<Same<LawSummary[], Awaited<ReturnType<typeof listLaws>>>>,
  Assert<Same<LawContents, Awaited<ReturnType<typeof lawContents>>>>,
  Assert<Same<LawArticle, Awaited<ReturnType<typeof getArticle>>>>,
  Assert<Same<KnowledgeEntry, Awaited<ReturnType<typeof getEntry>>>>,
];
