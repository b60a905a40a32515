-- First drafts of replies: what each client allows (a model at all, only a local one, or never), the domains a
-- draft may link to besides the carrier's tracking link, every draft made (for evaluation), and the health of the
-- install's model (one row, shared by every node) for the admin's status line.
create schema if not exists drafts;

create table drafts.client_setting (
  client_id     bigint primary key references clients.client (id),
  model_policy  text not null check (model_policy in ('allowed', 'local_only', 'never')),
  link_domains  text[] not null default '{}',
  updated_at    timestamptz not null
);

create table drafts.draft (
  id                bigint generated always as identity primary key,
  ticket_id         bigint not null,
  client_id         bigint not null references clients.client (id),
  user_id           bigint,
  kind              text not null check (kind in ('template', 'model')),
  language          text,
  template_id       bigint,
  model             text,
  fallback_reason   text,
  failure           text,
  sources           text[] not null default '{}',
  flags             text[] not null default '{}',
  body              text not null,
  prompt_tokens     int,
  completion_tokens int,
  created_at        timestamptz not null
);
create index draft_ticket_idx on drafts.draft (ticket_id, created_at);
create index draft_client_idx on drafts.draft (client_id, created_at);

create table drafts.model_health (
  id                  smallint primary key check (id = 1),
  successes           bigint not null default 0,
  failures            bigint not null default 0,
  last_success_at     timestamptz,
  last_failure_at     timestamptz,
  last_failure        text,
  last_failure_detail text
);
insert into drafts.model_health (id) values (1);
