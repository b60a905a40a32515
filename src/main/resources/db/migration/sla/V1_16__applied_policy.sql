-- A rule may apply a policy to a ticket; it then governs the ticket's deadlines whatever the conditions say.
alter table sla.ticket_clock
  add column applied_policy_id bigint references sla.policy (id) on delete set null;
