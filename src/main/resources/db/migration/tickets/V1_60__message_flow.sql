-- The pass every stored customer message goes through once (triage, rules, SLA), as a table with a status: a row
-- is written in the transaction that stores the message and deleted in the transaction that finishes its pass,
-- so a crash at any moment leaves it to be passed again, never lost. Workers on every node claim rows with
-- SKIP LOCKED; a row that failed waits until next_attempt_at, with its error for admins.
create table tickets.message_flow (
  message_id      bigint primary key references tickets.message (id),
  ticket_id       bigint not null,
  enqueued_at     timestamptz not null,
  attempts        int not null default 0,
  next_attempt_at timestamptz not null,
  last_error      text
);
create index message_flow_due_idx on tickets.message_flow (next_attempt_at, message_id);
create index message_flow_ticket_idx on tickets.message_flow (ticket_id, message_id);
