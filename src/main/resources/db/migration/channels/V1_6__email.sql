-- The e-mail channel: mailboxes, every fetched raw message (stored before parsing), the outbox, and the
-- Message-IDs that thread replies onto tickets.
create schema if not exists channels;

create table channels.mailbox (
  id                     bigint generated always as identity primary key,
  channel_id             bigint not null unique references clients.channel (id),
  client_id              bigint not null references clients.client (id),
  store_id               bigint not null references clients.store (id),
  imap_host              text not null,
  imap_port              int not null check (imap_port between 1 and 65535),
  imap_security          text not null check (imap_security in ('ssl', 'starttls', 'none')),
  imap_user              text not null,
  imap_password          bytea not null,          -- AES-GCM, key from KONTOR_SECRET_KEY
  imap_folder            text not null default 'INBOX',
  smtp_host              text not null,
  smtp_port              int not null check (smtp_port between 1 and 65535),
  smtp_security          text not null check (smtp_security in ('ssl', 'starttls', 'none')),
  smtp_user              text not null,
  smtp_password          bytea not null,
  from_address           text not null,
  from_name              text not null,
  signature              text not null default '',
  poll_seconds           int not null default 60 check (poll_seconds between 10 and 86400),
  -- Reply-To "local+t<ticket>.<signature>@domain": replies find their ticket even without headers or subject.
  plus_addressing        boolean not null default false,
  active                 boolean not null default true,
  -- IMAP cursor: messages with a UID above last_uid in this UIDVALIDITY are new.
  uid_validity           bigint,
  last_uid               bigint not null default 0,
  last_fetch_at          timestamptz,
  last_error             text,
  last_error_at          timestamptz,
  consecutive_failures   int not null default 0,
  -- One fetch per mailbox at a time, across threads and nodes; a crashed fetcher's lease runs out.
  fetch_lease_until      timestamptz,
  created_at             timestamptz not null
);

create table channels.inbound_mail (
  id             bigint generated always as identity primary key,
  mailbox_id     bigint not null references channels.mailbox (id),
  uid_validity   bigint not null,
  uid            bigint not null,
  -- The Message-ID, or "sha256:<hash of the raw bytes>" when a message has none.
  dedupe_key     text not null,
  raw            bytea not null,
  size           bigint not null,
  status         text not null check (status in ('new', 'imported', 'quarantined', 'ignored', 'bounce')),
  reason         text,
  oversized      boolean not null default false,
  ticket_id      bigint,
  message_id     bigint,
  reply_address  text,                         -- where replies to this mail go (Reply-To, else From)
  -- An autoresponder or list wrote it: automatic answers (rules) must never answer it.
  auto_submitted boolean not null default false,
  attempts       int not null default 0,
  fetched_at     timestamptz not null,
  processed_at   timestamptz,
  unique (mailbox_id, uid_validity, uid),
  unique (mailbox_id, dedupe_key)
);
create index inbound_mail_pending_idx on channels.inbound_mail (id) where status = 'new';
create index inbound_mail_quarantine_idx on channels.inbound_mail (mailbox_id, id desc) where status = 'quarantined';

-- Every Message-ID we received or sent, per client, with its ticket: In-Reply-To/References find tickets here.
create table channels.mail_thread (
  client_id       bigint not null references clients.client (id),
  rfc_message_id  text not null,
  ticket_id       bigint not null,
  recorded_at     timestamptz not null,
  primary key (client_id, rfc_message_id)
);
create index mail_thread_ticket_idx on channels.mail_thread (ticket_id, recorded_at);

create table channels.outbound_mail (
  id              bigint generated always as identity primary key,
  mailbox_id      bigint not null references channels.mailbox (id),
  ticket_id       bigint not null,
  message_id      bigint not null unique,      -- the ticket message (reply) this mail carries
  rfc_message_id  text not null unique,
  status          text not null check (status in ('queued', 'sent', 'failed')),
  attempts        int not null default 0,
  next_attempt_at timestamptz not null,
  last_error      text,
  sent_at         timestamptz,
  created_at      timestamptz not null
);
create index outbound_mail_due_idx on channels.outbound_mail (next_attempt_at) where status = 'queued';
