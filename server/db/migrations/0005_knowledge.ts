import { sql, type Kysely } from 'kysely';

/**
 * The law library (laws and their articles, with earlier texts kept when a new edition comes in), the Q&A and
 * guides library, and the search index: an inverted index of segmented terms, ranked with BM25 in SQL, so
 * that Chinese search works the same on PGlite and on the PostgreSQL server without a parser extension.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table laws (
      id serial primary key,
      name text not null unique,
      category text not null check (category in ('法律', '行政法规', '司法解释', '地方性法规', '部门规章', '其他')),
      -- the date of the text held: the last amendment or adoption
      version text not null,
      source text not null default '',
      article_count integer not null default 0,
      updated_at timestamptz not null default now()
    );

    -- an article keeps its id across editions, so whatever cites it (an answer, a guide) still finds it
    create table law_articles (
      id serial primary key,
      law_id integer not null references laws (id),
      article text not null,
      number integer not null check (number > 0),
      sub integer,
      part text not null default '',
      chapter text not null default '',
      section text not null default '',
      text text not null,
      version text not null,
      seq integer not null,
      -- absent from the latest edition imported: kept for what cites it, marked so
      repealed boolean not null default false,
      unique (law_id, article)
    );
    create index law_articles_number_idx on law_articles (law_id, number);

    create table law_article_versions (
      article_id integer not null references law_articles (id),
      version text not null,
      text text not null,
      replaced_at timestamptz not null default now(),
      primary key (article_id, version)
    );

    -- Q&A pairs and guides: imported (with their source and licence), written by staff, or published from an
    -- answered online consultation after anonymisation and review
    create table kb_entries (
      id serial primary key,
      kind text not null check (kind in ('qa', 'guide')),
      external_id text unique,
      title text not null,
      body text not null,
      answer_by text not null default '',
      license text not null default '',
      source text not null default '',
      origin text not null check (origin in ('imported', 'staff', 'consultation', 'evaluation')),
      -- restricted: may inform search (its cited articles) but is never shown to citizens
      status text not null check (status in ('draft', 'review', 'published', 'restricted', 'archived')),
      service_item text,
      created_by uuid references staff (id),
      reviewed_by uuid references staff (id),
      published_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index kb_entries_status_idx on kb_entries (kind, status);

    create table kb_entry_refs (
      entry_id integer not null references kb_entries (id) on delete cascade,
      article_id integer not null references law_articles (id),
      primary key (entry_id, article_id)
    );
    create index kb_entry_refs_article_idx on kb_entry_refs (article_id);

    -- the search index: one document per article or entry, and its terms with their counts. An article is indexed
    -- twice, by words (kind article) and by character pairs (article_bigram), each with the questions answered by
    -- citing it appended (so that a question like an answered one finds the article the answer cited)
    create table kb_docs (
      id serial primary key,
      kind text not null check (kind in ('article', 'article_bigram', 'qa', 'guide')),
      source_id integer not null,
      length integer not null,
      -- shown to citizens (an article always; an entry when published)
      visible boolean not null,
      unique (kind, source_id)
    );
    create table kb_postings (
      kind text not null,
      term text not null,
      doc_id integer not null references kb_docs (id) on delete cascade,
      tf integer not null,
      primary key (kind, term, doc_id)
    );
    create index kb_postings_doc_idx on kb_postings (doc_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table kb_postings, kb_docs, kb_entry_refs, kb_entries, law_article_versions, law_articles, laws`.execute(db);
}
