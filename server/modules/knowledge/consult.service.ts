import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { normalizeRegionCode } from '../org/region-codes.js';
import { expansionsOf, queryTerms, search, type ArticleItem, type QaItem } from './search.service.js';
import { bm25 } from './search-index.js';

/*
 * 智能咨询: a question in plain words → the articles that bear on it (each with the plain-words answer of a
 * Q&A that cites it, where one exists), similar answered questions, and the services that fit, with the
 * place to go (the citizen's own village room or town station when they say where they live).
 */

/** Why a service fits: a code the pages word in the reader's language. */
export type FitReason =
  | 'wagesNoMeansTest'
  | 'injuryAid'
  | 'familyAid'
  | 'abuseNoMeansTest'
  | 'elderlyAid'
  | 'neighbourMediation'
  | 'familyMediation'
  | 'debtMediation'
  | 'trafficMediation'
  | 'lawyer'
  | 'notary';

interface Rule {
  /** the law's words (from the question or its expansions) or a pattern over the question */
  words?: readonly string[];
  pattern?: RegExp;
  serviceItem: 'legalAid' | 'mediation' | 'notary' | 'lawyerReferral';
  reason: FitReason;
}

const RULES: readonly Rule[] = [
  { words: ['劳动报酬', '拖欠', '工资支付'], serviceItem: 'legalAid', reason: 'wagesNoMeansTest' },
  { words: ['工伤', '工伤认定', '工伤保险'], serviceItem: 'legalAid', reason: 'injuryAid' },
  { words: ['交通事故', '机动车交通事故', '人身损害'], serviceItem: 'legalAid', reason: 'injuryAid' },
  { words: ['家庭暴力', '人身安全保护令'], serviceItem: 'legalAid', reason: 'abuseNoMeansTest' },
  { words: ['赡养', '赡养费', '抚养费', '扶养费'], serviceItem: 'legalAid', reason: 'familyAid' },
  { words: ['赡养', '赡养费', '老年人'], serviceItem: 'mediation', reason: 'elderlyAid' },
  { words: ['相邻关系', '相邻', '相邻权利人'], serviceItem: 'mediation', reason: 'neighbourMediation' },
  { words: ['离婚', '夫妻', '直接抚养', '继承', '分割'], serviceItem: 'mediation', reason: 'familyMediation' },
  { words: ['民间借贷', '借款', '债务'], serviceItem: 'mediation', reason: 'debtMediation' },
  { words: ['交通事故', '机动车交通事故'], serviceItem: 'mediation', reason: 'trafficMediation' },
  { words: ['遗嘱', '继承', '赠与'], serviceItem: 'notary', reason: 'notary' },
  { pattern: /(起诉|打官司|上诉|开庭|判决|刑事|被抓|拘留)/u, serviceItem: 'lawyerReferral', reason: 'lawyer' },
];

export interface ServiceFit {
  serviceItem: string;
  serviceItemName: string;
  reasons: FitReason[];
  /** where to go: the nearest site that takes this service for the region given */
  site: { id: string; name: string; kind: string; address: string; phone: string; openingHours: string } | null;
}

export async function servicesFor(db: Kysely<DB>, q: string, regionCode?: string): Promise<ServiceFit[]> {
  const words = new Set([...expansionsOf(q)]);
  const fits = new Map<string, Set<FitReason>>();
  for (const rule of RULES) {
    const hit = (rule.words?.some((w) => words.has(w) || q.includes(w)) ?? false) || (rule.pattern?.test(q) ?? false);
    if (hit) fits.set(rule.serviceItem, (fits.get(rule.serviceItem) ?? new Set()).add(rule.reason));
  }
  if (!fits.size) return [];
  const items = await db
    .selectFrom('service_items')
    .select(['code', 'name'])
    .where('code', 'in', [...fits.keys()])
    .where('active', '=', true)
    .execute();
  const region = regionCode ? normalizeRegionCode(regionCode) : null;
  const out: ServiceFit[] = [];
  for (const item of items) {
    out.push({
      serviceItem: item.code,
      serviceItemName: item.name,
      reasons: [...fits.get(item.code)!],
      site: region ? await nearestSite(db, item.code, region) : null,
    });
  }
  // the order of the rules: legal aid first, then mediation, notary, lawyers
  const order = ['legalAid', 'mediation', 'notary', 'lawyerReferral'];
  return out.sort((a, b) => order.indexOf(a.serviceItem) - order.indexOf(b.serviceItem));
}

/**
 * The site a citizen of `region` goes to for a service: mediation at their village room (the village mediation
 * committee sits there) or else their town station; legal aid at their town station (it takes the application
 * for first review); the others at the county center.
 */
async function nearestSite(db: Kysely<DB>, serviceItem: string, region: string) {
  const village = region.length === 12 ? region : null;
  const town = region.length >= 9 ? region.slice(0, 9) : null;
  const candidates = serviceItem === 'mediation' ? [village, town] : serviceItem === 'legalAid' ? [town] : [];
  const sites = await db
    .selectFrom('sites')
    .select(['id', 'name', 'kind', 'address', 'phone', 'opening_hours', 'region_code'])
    .where('is_public', '=', true)
    .where((eb) =>
      eb.or([...candidates.filter((c): c is string => Boolean(c)).map((c) => eb('region_code', '=', c)), eb('kind', '=', 'center')]),
    )
    .execute();
  for (const c of [...candidates, 'center']) {
    const s = c === 'center' ? sites.find((x) => x.kind === 'center') : sites.find((x) => x.region_code === c);
    if (s) return { id: s.id, name: s.name, kind: s.kind, address: s.address, phone: s.phone, openingHours: s.opening_hours };
  }
  return null;
}

export interface Consultation {
  question: string;
  articles: (ArticleItem & { summary: { entryId: number; question: string; answer: string; answerBy: string } | null })[];
  similar: QaItem[];
  services: ServiceFit[];
}

export async function smartConsult(db: Kysely<DB>, q: string, regionCode?: string): Promise<Consultation> {
  const [articles, similar, services, near] = await Promise.all([
    search(db, q, 'article', 5),
    search(db, q, 'qa', 3),
    servicesFor(db, q, regionCode),
    // the answered questions nearest to this one: an article's plain-words answer is the nearest that cites it
    bm25(db, 'qa', queryTerms(q), 100, true),
  ]);
  const rank = new Map(near.map((h, i) => [h.sourceId, i]));
  const ids = articles.items.map((a) => a.id);
  // a plain-words answer for each article: the best-rated published Q&A citing it (the first one found)
  const summaries = ids.length
    ? await db
        .selectFrom('kb_entry_refs as r')
        .innerJoin('kb_entries as e', 'e.id', 'r.entry_id')
        .select(['r.article_id', 'e.id', 'e.title', 'e.body', 'e.answer_by'])
        .where('r.article_id', 'in', ids)
        .where('e.status', '=', 'published')
        .orderBy('e.id')
        .execute()
    : [];
  return {
    question: q,
    articles: articles.items.map((a) => {
      const citing = summaries
        .filter((x) => x.article_id === a.id)
        .sort((x, y) => (rank.get(x.id) ?? Infinity) - (rank.get(y.id) ?? Infinity) || x.id - y.id);
      const s = citing[0];
      return { ...(a as ArticleItem), summary: s ? { entryId: s.id, question: s.title, answer: s.body, answerBy: s.answer_by } : null };
    }),
    similar: similar.items as QaItem[],
    services,
  };
}
