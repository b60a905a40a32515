-- Canned answers per client: templates (optionally per store and category) with one variant per language, macros
-- (a template plus ticket actions), and the per-store signature and per-client return window that placeholders use.
create schema if not exists answers;

create table answers.template (
  id            bigint generated always as identity primary key,
  client_id     bigint not null references clients.client (id),
  store_id      bigint references clients.store (id),
  category      text,
  name          text not null,
  shortcut      text,
  usage_count   int not null default 0,
  last_used_at  timestamptz,
  created_at    timestamptz not null,
  updated_at    timestamptz not null,
  unique (client_id, name)
);
create unique index template_shortcut_idx on answers.template (client_id, lower(shortcut)) where shortcut is not null;

-- One text per language. A machine-translated variant was made through the translation service from
-- translated_from and stays marked until someone saves it.
create table answers.template_variant (
  template_id        bigint not null references answers.template (id) on delete cascade,
  language           text not null,
  body               text not null,
  machine_translated boolean not null default false,
  translated_from    text,
  provider           text,
  updated_at         timestamptz not null,
  primary key (template_id, language)
);

create table answers.macro (
  id           bigint generated always as identity primary key,
  client_id    bigint not null references clients.client (id),
  name         text not null,
  template_id  bigint references answers.template (id) on delete set null,
  add_tags     text[] not null default '{}',
  remove_tags  text[] not null default '{}',
  status       text,
  priority     text,
  category     text,
  team_id      bigint,
  assignee_id  bigint,
  note         text,
  usage_count  int not null default 0,
  created_at   timestamptz not null,
  updated_at   timestamptz not null,
  unique (client_id, name)
);

-- Brand voice: a store's signature per language ('*' for every language without its own).
create table answers.store_signature (
  store_id   bigint not null references clients.store (id),
  language   text not null,
  signature  text not null,
  primary key (store_id, language)
);

create table answers.client_policy (
  client_id    bigint primary key references clients.client (id),
  return_days  int not null check (return_days between 0 and 3650)
);
