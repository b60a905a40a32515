-- What the channel itself says about a ticket: a marketplace counts "reply needed since" on its own clock, and
-- the operator or the shop may mark a thread as needing no reply. Kept for SLA deadlines.
alter table tickets.ticket
  add column reply_needed_since timestamptz,
  add column no_reply_needed    boolean not null default false;
