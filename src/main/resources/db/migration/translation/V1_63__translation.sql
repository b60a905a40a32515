-- Translation settings: provider accounts (credentials sealed with the server key), the install's chain and each
-- client's own, and characters used per client, provider account and month.
create schema if not exists translation;

-- A provider account: which adapter, its non-secret settings, and its credentials sealed with AES-GCM. The hints keep
-- the last four characters so the settings page can say which key is set without showing it. Every change bumps
-- version, so each node rebuilds its cached adapter on the next call.
create table translation.provider_account (
    id          bigserial primary key,
    name        text        not null unique check (name ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
    kind        text        not null,
    url         text,
    region      text,
    project     text,
    location    text,
    model       text,
    self_hosted boolean     not null default false,
    key_sealed  bytea,
    key_hint    text,
    secret_sealed bytea,
    secret_hint text,
    version     integer     not null default 1,
    updated_at  timestamptz not null
);

-- Per-client settings; client_id 0 holds the install's defaults (only its chain is used).
create table translation.client_setting (
    client_id   bigint      primary key,
    allow_cloud boolean     not null default true,
    monthly_cap bigint      check (monthly_cap is null or monthly_cap > 0),
    formality   jsonb       not null default '{}'::jsonb,
    glossary    jsonb       not null default '[]'::jsonb,
    updated_at  timestamptz not null
);

-- An ordered chain of provider accounts (client_id 0: the install's), each entry optionally limited to a source
-- and/or target language. A client with entries of its own uses only those.
create table translation.chain_entry (
    client_id   bigint  not null,
    position    integer not null,
    account     text    not null,
    source_lang text,
    target_lang text,
    primary key (client_id, position)
);

create table translation.usage (
    client_id  bigint not null,
    account    text   not null,
    month      date   not null,
    characters bigint not null default 0,
    requests   bigint not null default 0,
    primary key (client_id, account, month)
);
