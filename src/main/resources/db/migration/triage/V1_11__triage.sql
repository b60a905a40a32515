-- Triage: agents' corrections (the record, and what the classifier learns from them per client) and the
-- keywords admins add per client.
create schema if not exists triage;

create table triage.correction (
  id            bigint generated always as identity primary key,
  ticket_id     bigint not null references tickets.ticket (id),
  client_id     bigint not null references clients.client (id),
  user_id       bigint references accounts.app_user (id),
  user_name     text not null,
  from_language text,
  to_language   text,
  from_category text,
  to_category   text,
  at            timestamptz not null
);
create index correction_client_idx on triage.correction (client_id, at desc);

-- Words of messages agents re-categorised, counted per client and category: they lean later messages that way.
create table triage.learned_term (
  client_id bigint not null references clients.client (id),
  category  text not null,
  term      text not null,
  count     int not null,
  primary key (client_id, term, category)
);

create table triage.keyword (
  id         bigint generated always as identity primary key,
  client_id  bigint not null references clients.client (id),
  category   text not null,
  phrase     text not null,
  weight     numeric(4, 1) not null default 3 check (weight between -10 and 10),
  created_at timestamptz not null,
  unique (client_id, phrase, category)
);
