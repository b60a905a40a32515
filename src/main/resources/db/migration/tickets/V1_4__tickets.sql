-- The ticket aggregate: tickets, their messages and attachments.
create schema if not exists tickets;

create sequence tickets.ticket_number_seq start with 1001;

create table tickets.ticket (
  id                bigint generated always as identity primary key,
  number            bigint not null unique default nextval('tickets.ticket_number_seq'),
  client_id         bigint not null references clients.client (id),
  store_id          bigint not null references clients.store (id),
  channel_id        bigint not null references clients.channel (id),
  customer_id       bigint not null references customers.customer (id),
  subject           text not null,
  status            text not null check (status in ('new', 'open', 'pending', 'on_hold', 'solved', 'closed')),
  priority          text not null check (priority in ('low', 'normal', 'high', 'urgent')),
  category          text,
  language          text,
  assignee_id       bigint references accounts.app_user (id),
  team_id           bigint references accounts.team (id),
  tags              text[] not null default '{}',
  order_refs        text[] not null default '{}',
  message_count     int not null default 0,
  created_at        timestamptz not null,
  updated_at        timestamptz not null,
  last_message_at   timestamptz not null,
  first_response_at timestamptz,
  solved_at         timestamptz,
  closed_at         timestamptz,
  version           int not null default 0
);
-- The inbox reads one client's tickets in an order and pages by keyset: these indexes serve each sort.
create index ticket_client_updated_idx on tickets.ticket (client_id, updated_at desc, id desc);
create index ticket_client_created_idx on tickets.ticket (client_id, created_at desc, id desc);
create index ticket_open_updated_idx on tickets.ticket (client_id, updated_at desc, id desc)
  where status in ('new', 'open', 'pending', 'on_hold');
create index ticket_assignee_idx on tickets.ticket (assignee_id, updated_at desc, id desc) where assignee_id is not null;
create index ticket_unassigned_idx on tickets.ticket (client_id, updated_at desc, id desc)
  where assignee_id is null and status in ('new', 'open', 'pending', 'on_hold');
create index ticket_store_idx on tickets.ticket (store_id, updated_at desc, id desc);
create index ticket_customer_idx on tickets.ticket (customer_id, created_at desc);
create index ticket_tags_idx on tickets.ticket using gin (tags);
create index ticket_order_refs_idx on tickets.ticket using gin (order_refs);

create table tickets.message (
  id                 bigint generated always as identity primary key,
  ticket_id          bigint not null references tickets.ticket (id),
  channel_id         bigint not null,
  kind               text not null check (kind in ('inbound', 'outbound', 'note')),
  author_user_id     bigint references accounts.app_user (id),
  author_customer_id bigint references customers.customer (id),
  author_name        text not null,
  body_text          text not null,
  body_html          text,
  external_id        text,
  created_at         timestamptz not null
);
create index message_ticket_idx on tickets.message (ticket_id, id);
-- The same inbound message is never stored twice: its external id is unique within its channel.
create unique index message_external_id_idx on tickets.message (channel_id, external_id) where external_id is not null;

create table tickets.attachment (
  id           bigint generated always as identity primary key,
  message_id   bigint not null references tickets.message (id),
  filename     text not null,
  content_type text not null,
  size_bytes   bigint not null,
  sha256       text not null,
  content      bytea not null
);
create index attachment_message_idx on tickets.attachment (message_id);

-- Inbox search by subject: trigram index so that "contains" stays fast at a million tickets.
create extension if not exists pg_trgm;
create index ticket_subject_trgm_idx on tickets.ticket using gin (subject gin_trgm_ops);
