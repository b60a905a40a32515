-- The ticket keeps the facts the SLA clocks need, so nothing has to reload a conversation to find them: when the
-- team last answered (by when it was written), next to since when the customer waits.
alter table tickets.ticket add column team_replied_at timestamptz;
update tickets.ticket t set team_replied_at = (
  select max(o.created_at) from tickets.message o
  where o.ticket_id = t.id and o.kind = 'outbound' and not o.automated);

-- Where the wait is already kept (this runs after it on an existing install), automated inbound messages (an
-- out-of-office sent to us) no longer start one, as they never started an SLA clock.
do $$
begin
  if exists (select 1 from information_schema.columns
             where table_schema = 'tickets' and table_name = 'ticket' and column_name = 'customer_waiting_since') then
    update tickets.ticket t set customer_waiting_since = (
      select min(m.created_at) from tickets.message m
      where m.ticket_id = t.id and m.kind = 'inbound' and not m.automated
        and m.created_at > coalesce(t.team_replied_at, '-infinity'::timestamptz))
    where t.customer_waiting_since is not null;
  end if;
end $$;
