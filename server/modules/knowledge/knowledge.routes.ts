import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { errors } from '../../http/schemas.js';
import { getArticle, getEntry, lawContents, listLaws } from './library.service.js';
import { search } from './search.service.js';
import { smartConsult } from './consult.service.js';
import { REGION_CODE_PATTERN } from '../org/region-codes.js';
import { AppError } from '../../http/errors.js';
import { BatchedWindowCounter } from '../auth/rate-limit.js';

/** Questions one address may ask a minute without signing in: plenty for a person or a kiosk, little for a scraper. */
export const SEARCHES_PER_ADDRESS = 120;
export const CONSULTS_PER_ADDRESS = 30;
export const KNOWLEDGE_WINDOW_SECONDS = 60;

const IntId = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
const Marks = Type.Array(Type.Tuple([Type.Integer(), Type.Integer()]));

const ArticleItem = Type.Object({
  kind: Type.Literal('article'),
  id: Type.Integer(),
  law: Type.String({ description: 'as in laws.jsonl, e.g. 中华人民共和国劳动合同法' }),
  article: Type.String({ description: 'e.g. 第八十二条' }),
  number: Type.Integer(),
  text: Type.String(),
  version: Type.String(),
  chapter: Type.String(),
  score: Type.Number(),
  snippet: Type.String(),
  marks: Marks,
  match: Type.Enum(['citation', 'text']),
});
const EntryItem = Type.Object({
  kind: Type.Enum(['qa', 'guide']),
  id: Type.Integer(),
  question: Type.String(),
  answer: Type.String(),
  answerBy: Type.String(),
  score: Type.Number(),
  snippet: Type.String(),
  marks: Marks,
  refs: Type.Array(Type.Object({ law: Type.String(), article: Type.String() })),
});

export const SearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 500 }),
  kind: Type.Optional(Type.Enum(['article', 'qa', 'guide', 'all'], { default: 'all' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
});

export async function knowledgeRoutes(fastify: FastifyInstance, { db }: { db: Kysely<DB> }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['public', 'knowledge'];
  // counted like the tracking look-ups: in memory, shared through rate_limits in batches (no write per search);
  // signed-in staff (the workbench's article picker searches as they type) are not counted
  const counter = new BatchedWindowCounter(db, KNOWLEDGE_WINDOW_SECONDS);
  fastify.addHook('onClose', () => counter.close());
  const limit = (key: 'search' | 'consult', max: number) => async (req: FastifyRequest) => {
    if (req.actor) return;
    if (counter.hit(`${key}:${req.ip}`) > max) throw new AppError('RATE_LIMITED', { retryAfterSeconds: KNOWLEDGE_WINDOW_SECONDS });
  };

  app.get(
    '/knowledge/search',
    {
      schema: {
        tags,
        summary: '法律法规与问答检索（口语问题、法条引用均可）',
        querystring: SearchQuery,
        response: { 200: Type.Object({ items: Type.Array(Type.Union([ArticleItem, EntryItem])) }), ...errors(400, 429) },
      },
      preHandler: limit('search', SEARCHES_PER_ADDRESS),
    },
    (req) => search(db, req.query.q.trim(), req.query.kind ?? 'all', req.query.limit ?? 10),
  );

  app.get(
    '/knowledge/consult',
    {
      schema: {
        tags,
        summary: '智能咨询：口语问题 → 相关法条（附问答的通俗解释）、相似问答、适合的服务及去处',
        querystring: Type.Object({
          q: Type.String({ minLength: 2, maxLength: 500 }),
          regionCode: Type.Optional(Type.String({ pattern: REGION_CODE_PATTERN })),
        }),
        response: {
          200: Type.Object({
            question: Type.String(),
            articles: Type.Array(
              Type.Intersect([
                ArticleItem,
                Type.Object({
                  summary: Type.Union([
                    Type.Object({ entryId: Type.Integer(), question: Type.String(), answer: Type.String(), answerBy: Type.String() }),
                    Type.Null(),
                  ]),
                }),
              ]),
            ),
            similar: Type.Array(EntryItem),
            services: Type.Array(
              Type.Object({
                serviceItem: Type.String(),
                serviceItemName: Type.String(),
                reasons: Type.Array(Type.String()),
                site: Type.Union([
                  Type.Object({
                    id: Type.String(),
                    name: Type.String(),
                    kind: Type.String(),
                    address: Type.String(),
                    phone: Type.String(),
                    openingHours: Type.String(),
                  }),
                  Type.Null(),
                ]),
              }),
            ),
          }),
          ...errors(400, 429),
        },
      },
      preHandler: limit('consult', CONSULTS_PER_ADDRESS),
    },
    (req) => smartConsult(db, req.query.q.trim(), req.query.regionCode),
  );

  app.get(
    '/knowledge/laws',
    {
      schema: {
        tags,
        summary: '法律法规目录',
        response: {
          200: Type.Array(
            Type.Object({
              id: Type.Integer(),
              name: Type.String(),
              category: Type.String(),
              version: Type.String(),
              articleCount: Type.Integer(),
            }),
          ),
        },
      },
    },
    () => listLaws(db),
  );

  app.get(
    '/knowledge/laws/:id',
    {
      schema: {
        tags,
        summary: '一部法律的目录（编、章、节、条）',
        params: IntId,
        response: {
          200: Type.Object({
            id: Type.Integer(),
            name: Type.String(),
            category: Type.String(),
            version: Type.String(),
            source: Type.String(),
            articles: Type.Array(
              Type.Object({
                id: Type.Integer(),
                article: Type.String(),
                number: Type.Integer(),
                sub: Type.Union([Type.Integer(), Type.Null()]),
                part: Type.String(),
                chapter: Type.String(),
                section: Type.String(),
                preview: Type.String(),
                repealed: Type.Boolean(),
              }),
            ),
          }),
          ...errors(400, 404),
        },
      },
    },
    (req) => lawContents(db, req.params.id),
  );

  const Ref = Type.Object({ id: Type.Integer(), article: Type.String() });
  app.get(
    '/knowledge/articles/:id',
    {
      schema: {
        tags,
        summary: '法条全文、历史版本、文中引用的条文及引用它的问答',
        params: IntId,
        response: {
          200: Type.Object({
            id: Type.Integer(),
            lawId: Type.Integer(),
            law: Type.String(),
            category: Type.String(),
            article: Type.String(),
            number: Type.Integer(),
            sub: Type.Union([Type.Integer(), Type.Null()]),
            part: Type.String(),
            chapter: Type.String(),
            section: Type.String(),
            text: Type.String(),
            version: Type.String(),
            repealed: Type.Boolean(),
            history: Type.Array(Type.Object({ version: Type.String(), text: Type.String() })),
            links: Type.Array(
              Type.Object({
                start: Type.Integer(),
                end: Type.Integer(),
                articleId: Type.Integer(),
                law: Type.String(),
                article: Type.String(),
              }),
            ),
            citedBy: Type.Array(Type.Object({ id: Type.Integer(), kind: Type.String(), title: Type.String() })),
            previous: Type.Union([Ref, Type.Null()]),
            next: Type.Union([Ref, Type.Null()]),
          }),
          ...errors(400, 404),
        },
      },
    },
    (req) => getArticle(db, req.params.id),
  );

  app.get(
    '/knowledge/entries/:id',
    {
      schema: {
        tags,
        summary: '已发布的问答或指南',
        params: IntId,
        response: {
          200: Type.Object({
            id: Type.Integer(),
            kind: Type.String(),
            question: Type.String(),
            answer: Type.String(),
            answerBy: Type.String(),
            license: Type.String(),
            source: Type.String(),
            serviceItem: Type.Union([Type.String(), Type.Null()]),
            publishedAt: Type.Union([Type.String(), Type.Null()]),
            refs: Type.Array(Type.Object({ articleId: Type.Integer(), law: Type.String(), article: Type.String(), text: Type.String() })),
          }),
          ...errors(400, 404),
        },
      },
    },
    (req) => getEntry(db, req.params.id),
  );
}
