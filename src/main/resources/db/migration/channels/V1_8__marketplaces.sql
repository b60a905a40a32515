-- Marketplace accounts (a seller's account on one Mirakl operator), the conversation threads they brought in,
-- and the outbox of replies going back through the marketplace.
create table channels.marketplace_account (
  id                   bigint generated always as identity primary key,
  channel_id           bigint not null unique references clients.channel (id),
  client_id            bigint not null references clients.client (id),
  store_id             bigint not null references clients.store (id),
  kind                 text not null check (kind in ('mirakl')),
  name                 text not null,
  operator_name        text not null,
  base_url             text not null,
  api_key              bytea not null,              -- AES-GCM, key from KONTOR_SECRET_KEY
  shop_id              bigint,
  copy_operator        boolean not null default false,
  poll_seconds         int not null default 60 check (poll_seconds between 15 and 86400),
  paused               boolean not null default false,
  -- Threads updated at or after this instant (less a safety margin) are read on the next poll.
  cursor_updated_since timestamptz,
  last_poll_at         timestamptz,
  last_success_at      timestamptz,
  last_error           text,
  last_error_at        timestamptz,
  consecutive_failures int not null default 0,
  -- 'auth' (the key was refused) stops polling until the key is changed; other failures back off.
  alert                text check (alert in ('auth')),
  -- No call before this instant: a 429's Retry-After, or backoff after failures.
  blocked_until        timestamptz,
  -- One poll per account at a time, across threads and nodes; a crashed poller's lease runs out.
  poll_lease_until     timestamptz,
  created_at           timestamptz not null
);

create table channels.marketplace_thread (
  id                      bigint generated always as identity primary key,
  account_id              bigint not null references channels.marketplace_account (id),
  thread_id               text not null,
  ticket_id               bigint,
  order_id                text,
  customer_participant_id text,
  date_updated            timestamptz not null,   -- the thread's update time when it was last read
  messages_until          timestamptz,            -- messages created up to here are in the ticket
  unique (account_id, thread_id)
);
create index marketplace_thread_ticket_idx on channels.marketplace_thread (ticket_id);

create table channels.marketplace_outbound (
  id                bigint generated always as identity primary key,
  account_id        bigint not null references channels.marketplace_account (id),
  ticket_id         bigint not null,
  message_id        bigint not null unique,       -- the agent's reply on the ticket
  thread_id         text not null,
  status            text not null check (status in ('queued', 'sent', 'failed')),
  attempts          int not null default 0,
  next_attempt_at   timestamptz not null,
  last_error        text,
  remote_message_id text,                         -- Mirakl's id of the sent message: re-polls skip it
  sent_at           timestamptz,
  created_at        timestamptz not null
);
create index marketplace_outbound_due_idx on channels.marketplace_outbound (next_attempt_at) where status = 'queued';
create index marketplace_outbound_remote_idx on channels.marketplace_outbound (account_id, remote_message_id);
