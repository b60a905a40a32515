-- Consistent paging. A list's first page remembers the database snapshot it read (pg_current_snapshot()); later
-- pages order every ticket by its sort key as of that snapshot, so a ticket whose update time or queue position
-- moves between pages is listed once, where it stood, and a ticket created later is not listed.
--
-- The transaction that created a ticket (null for tickets from before this migration: visible to every snapshot).
-- Adding the column without a default and setting the default after keeps this from rewriting the table.
-- Transaction ids are kept as bigint (xid8 as a number) and cast back to xid8 where compared with a snapshot.
alter table tickets.ticket add column created_xid bigint;
alter table tickets.ticket alter column created_xid set default pg_current_xact_id()::text::bigint;

-- The sort keys a ticket had before each change of them, with the changing transaction: a snapshot that does not
-- see that transaction sees these values. Kept for kontor.tickets.paging-snapshot-retention, then deleted.
create table tickets.ticket_key_change (
  id                bigint generated always as identity primary key,
  ticket_id         bigint not null,
  xid               bigint not null default pg_current_xact_id()::text::bigint,
  changed_at        timestamptz not null default now(),
  updated_at_before timestamptz not null,
  queue_key_before  timestamptz not null
);
create index ticket_key_change_xid_idx on tickets.ticket_key_change (xid);
create index ticket_key_change_changed_idx on tickets.ticket_key_change (changed_at);

-- A trigger rather than the application: every path that changes a ticket (API, UI, rules, SLA, ingest, bulk
-- scripts) is covered.
create function tickets.record_key_change() returns trigger language plpgsql as $$
begin
  insert into tickets.ticket_key_change (ticket_id, updated_at_before, queue_key_before)
  values (old.id, old.updated_at, old.queue_key);
  return null;
end
$$;
create trigger ticket_key_change after update of updated_at, queue_key on tickets.ticket
  for each row when (old.updated_at is distinct from new.updated_at or old.queue_key is distinct from new.queue_key)
  execute function tickets.record_key_change();
