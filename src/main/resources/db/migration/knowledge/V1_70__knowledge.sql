-- The knowledge base: articles per client (policies, FAQs, how-tos) with one variant per language, each variant
-- searchable with its language's text search configuration, and every saved text kept as a revision.
create schema if not exists knowledge;

-- The text search configuration for a language code ('pt-br' counts as 'pt'); 'simple' (no stemming) for the
-- languages PostgreSQL has no stemmer for.
create function knowledge.search_config(language text) returns regconfig
  language sql immutable parallel safe
  return (case split_part(lower(language), '-', 1)
    when 'ar' then 'pg_catalog.arabic'
    when 'ca' then 'pg_catalog.catalan'
    when 'da' then 'pg_catalog.danish'
    when 'de' then 'pg_catalog.german'
    when 'el' then 'pg_catalog.greek'
    when 'en' then 'pg_catalog.english'
    when 'es' then 'pg_catalog.spanish'
    when 'eu' then 'pg_catalog.basque'
    when 'fi' then 'pg_catalog.finnish'
    when 'fr' then 'pg_catalog.french'
    when 'ga' then 'pg_catalog.irish'
    when 'hi' then 'pg_catalog.hindi'
    when 'hu' then 'pg_catalog.hungarian'
    when 'hy' then 'pg_catalog.armenian'
    when 'id' then 'pg_catalog.indonesian'
    when 'it' then 'pg_catalog.italian'
    when 'lt' then 'pg_catalog.lithuanian'
    when 'ne' then 'pg_catalog.nepali'
    when 'nl' then 'pg_catalog.dutch'
    when 'no' then 'pg_catalog.norwegian'
    when 'nb' then 'pg_catalog.norwegian'
    when 'pt' then 'pg_catalog.portuguese'
    when 'ro' then 'pg_catalog.romanian'
    when 'ru' then 'pg_catalog.russian'
    when 'sr' then 'pg_catalog.serbian'
    when 'sv' then 'pg_catalog.swedish'
    when 'ta' then 'pg_catalog.tamil'
    when 'tr' then 'pg_catalog.turkish'
    when 'yi' then 'pg_catalog.yiddish'
    else 'pg_catalog.simple' end)::regconfig;

create table knowledge.article (
  id            bigint generated always as identity primary key,
  client_id     bigint not null references clients.client (id),
  visibility    text not null check (visibility in ('internal', 'public')),
  policy_kind   text not null default 'none'
                check (policy_kind in ('none', 'returns', 'refunds', 'shipping', 'warranty', 'cancellations')),
  external_url  text,
  -- Triage category keys the article is about; none means every category.
  categories    text[] not null default '{}',
  tags          text[] not null default '{}',
  created_at    timestamptz not null,
  updated_at    timestamptz not null
);
create index article_client_idx on knowledge.article (client_id);
create index article_policy_idx on knowledge.article (client_id, policy_kind) where policy_kind <> 'none';

-- One title and body per language. position keeps the order variants were first written in: the first is the
-- original others were translated from. search is written with the accents folded (by the application), so
-- "expedition" finds "expédition".
create table knowledge.article_variant (
  article_id  bigint not null references knowledge.article (id) on delete cascade,
  language    text not null,
  position    int not null,
  title       text not null,
  body        text not null,
  search      tsvector not null default ''::tsvector,
  updated_at  timestamptz not null,
  updated_by  text,
  primary key (article_id, language)
);
create index article_variant_search_idx on knowledge.article_variant using gin (search);

-- Every text a variant had: the newest is the current one, older ones can be viewed and restored.
create table knowledge.revision (
  id          bigint generated always as identity primary key,
  article_id  bigint not null references knowledge.article (id) on delete cascade,
  language    text not null,
  title       text not null,
  body        text not null,
  author_id   bigint,
  author_name text,
  created_at  timestamptz not null
);
create index revision_variant_idx on knowledge.revision (article_id, language, id desc);
