-- Users, roles, teams, agent languages, per-client access grants and API tokens.
create schema if not exists accounts;

create table accounts.app_user (
  id            bigint generated always as identity primary key,
  email         text not null,
  display_name  text not null check (length(display_name) between 1 and 200),
  role          text not null check (role in ('admin', 'supervisor', 'agent')),
  password_hash text,
  locale        text not null default 'en',
  active        boolean not null default true,
  created_at    timestamptz not null
);
create unique index app_user_email_idx on accounts.app_user (lower(email));

create table accounts.user_language (
  user_id  bigint not null references accounts.app_user (id) on delete cascade,
  language text not null check (language ~ '^[a-z]{2}$'),
  primary key (user_id, language)
);

-- An agent or supervisor sees only the clients granted here; admins see every client.
create table accounts.client_access (
  user_id    bigint not null references accounts.app_user (id) on delete cascade,
  client_id  bigint not null references clients.client (id) on delete cascade,
  granted_at timestamptz not null,
  primary key (user_id, client_id)
);
create index client_access_client_idx on accounts.client_access (client_id);

create table accounts.team (
  id         bigint generated always as identity primary key,
  name       text not null check (length(name) between 1 and 200),
  created_at timestamptz not null
);
create unique index team_name_idx on accounts.team (lower(name));

create table accounts.team_member (
  team_id bigint not null references accounts.team (id) on delete cascade,
  user_id bigint not null references accounts.app_user (id) on delete cascade,
  primary key (team_id, user_id)
);
create index team_member_user_idx on accounts.team_member (user_id);

-- Only a SHA-256 of the token is stored; the token itself is shown once, when it is created.
create table accounts.api_token (
  id           bigint generated always as identity primary key,
  user_id      bigint not null references accounts.app_user (id) on delete cascade,
  name         text not null,
  token_sha256 text not null unique,
  created_at   timestamptz not null,
  last_used_at timestamptz
);
