-- Facts time rules and routing read from the ticket: since when it is in its status, when the customer last
-- wrote, and messages Kontor sent by itself (auto-replies: never a first response, never answered back).
alter table tickets.ticket
  add column status_since      timestamptz,
  add column customer_wrote_at timestamptz;
update tickets.ticket t set
  status_since = t.updated_at,
  customer_wrote_at = coalesce(
    (select max(m.created_at) from tickets.message m where m.ticket_id = t.id and m.kind = 'inbound'), t.created_at);
alter table tickets.ticket
  alter column status_since set not null,
  alter column customer_wrote_at set not null;

alter table tickets.message
  add column automated boolean not null default false;

-- A team's queue: its unassigned open tickets, in queue order.
create index ticket_team_waiting_idx on tickets.ticket (team_id, queue_key, id)
  where assignee_id is null and status in ('new', 'open');
-- Open load per agent.
create index ticket_assignee_open_idx on tickets.ticket (assignee_id) where status in ('new', 'open');
