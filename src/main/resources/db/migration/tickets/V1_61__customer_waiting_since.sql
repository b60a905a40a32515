-- Time rules ask how long the customer has been waiting: since their oldest message nobody has answered yet, not
-- since their latest (a second message from an impatient buyer must not restart the wait). Null once answered.
alter table tickets.ticket rename column customer_wrote_at to customer_waiting_since;
alter table tickets.ticket alter column customer_waiting_since drop not null;
update tickets.ticket t set customer_waiting_since = (
  select min(m.created_at) from tickets.message m
  where m.ticket_id = t.id and m.kind = 'inbound'
    and m.created_at > coalesce(
      (select max(o.created_at) from tickets.message o
       where o.ticket_id = t.id and o.kind = 'outbound' and not o.automated),
      '-infinity'::timestamptz));
