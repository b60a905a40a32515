-- The queue's order: the next SLA deadline (a breached one is in the past, so first), and for tickets without
-- one a far-future key that keeps urgent before normal. Kept on the ticket so the inbox pages by an index.
alter table tickets.ticket
  add column sla_due_at timestamptz,
  add column sla_metric text,
  add column queue_key  timestamptz not null default timestamptz '3000-01-01 00:00:00+00';
update tickets.ticket set queue_key = timestamptz '3000-01-01 00:00:00+00'
  - make_interval(days => case priority when 'urgent' then 3 when 'high' then 2 when 'normal' then 1 else 0 end);
create index ticket_queue_idx on tickets.ticket (client_id, queue_key, id);
create index ticket_open_queue_idx on tickets.ticket (client_id, queue_key, id)
  where status in ('new', 'open', 'pending', 'on_hold');
