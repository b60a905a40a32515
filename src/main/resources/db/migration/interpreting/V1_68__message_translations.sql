-- Customer messages translated for agents who do not read their language: made once per message and target
-- language, in the background (pending rows are the work list, so a crash loses nothing) or on request.
create schema if not exists interpreting;

create table interpreting.message_translation (
  id               bigint generated always as identity primary key,
  message_id       bigint not null references tickets.message (id),
  ticket_id        bigint not null references tickets.ticket (id),
  client_id        bigint not null,
  target_language  text not null,
  status           text not null check (status in ('pending', 'ok', 'failed')),
  text             text,
  source_language  text,
  provider         text,
  error            text,
  attempts         int not null default 0,
  next_attempt_at  timestamptz,
  created_at       timestamptz not null,
  updated_at       timestamptz not null,
  unique (message_id, target_language)
);
create index message_translation_due_idx on interpreting.message_translation (next_attempt_at)
  where status = 'pending';
create index message_translation_ticket_idx on interpreting.message_translation (ticket_id);
