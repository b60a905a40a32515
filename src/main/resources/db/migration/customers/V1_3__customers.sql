-- Customers of each client, known by one or more identities (email addresses, marketplace buyer ids).
create schema if not exists customers;

create table customers.customer (
  id           bigint generated always as identity primary key,
  client_id    bigint not null references clients.client (id),
  display_name text not null,
  tier         text not null default 'standard',
  created_at   timestamptz not null
);
create index customer_client_idx on customers.customer (client_id);

-- kind: email (value lower-cased), or a channel's buyer id (mirakl, amazon, ebay, ...).
create table customers.identity (
  id          bigint generated always as identity primary key,
  customer_id bigint not null references customers.customer (id) on delete cascade,
  client_id   bigint not null,
  kind        text not null,
  value       text not null,
  unique (client_id, kind, value)
);
create index identity_customer_idx on customers.identity (customer_id);
