-- A notification is about a ticket of one client: reading it checks the reader's grants for that client at the
-- time of reading, so a revoked grant hides what was sent before.
alter table rules.notification add column client_id bigint;
update rules.notification n set client_id = t.client_id from tickets.ticket t where t.id = n.ticket_id;
