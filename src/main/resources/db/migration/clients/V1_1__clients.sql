-- Client companies served by the team, their stores/brands, and the channels each store is reached through.
create schema if not exists clients;

create table clients.client (
  id         bigint generated always as identity primary key,
  key        text not null unique check (key ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name       text not null check (length(name) between 1 and 200),
  active     boolean not null default true,
  created_at timestamptz not null
);

create table clients.store (
  id         bigint generated always as identity primary key,
  client_id  bigint not null references clients.client (id),
  key        text not null unique check (key ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name       text not null check (length(name) between 1 and 200),
  active     boolean not null default true,
  created_at timestamptz not null
);
create index store_client_idx on clients.store (client_id);

-- kind: api, web_form, email, chat, mirakl, amazon, ebay, shopify, bigcommerce. settings: kind-specific, no secrets.
create table clients.channel (
  id         bigint generated always as identity primary key,
  store_id   bigint not null references clients.store (id),
  kind       text not null,
  name       text not null check (length(name) between 1 and 200),
  settings   jsonb not null default '{}'::jsonb,
  active     boolean not null default true,
  created_at timestamptz not null
);
create index channel_store_idx on clients.channel (store_id);
-- Each store has exactly one API channel: the one POST /api/v1/inbound-messages delivers to.
create unique index channel_one_api_per_store on clients.channel (store_id) where kind = 'api';
