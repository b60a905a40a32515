-- An agent corrected the ticket's language or category: automatic triage leaves them alone from then on.
alter table tickets.ticket
  add column triage_corrected boolean not null default false;
create index ticket_category_idx on tickets.ticket (client_id, category, updated_at desc, id desc) where category is not null;
