-- Tickets that came from another helpdesk, by their id there: importing the same export again finds them instead
-- of creating them twice. source: the import's name for where they came from (zendesk, freshdesk, ...).
create table tickets.ticket_external_id (
  client_id   bigint not null,
  source      text not null,
  external_id text not null,
  ticket_id   bigint not null references tickets.ticket (id),
  primary key (client_id, source, external_id)
);
create index ticket_external_id_ticket_idx on tickets.ticket_external_id (ticket_id);
