-- Orders as the sales channel last reported them (a snapshot per channel and order id), their lines, and what
-- agents did to them from Kontor (cancel, refuse lines) with the channel's answer.
create schema if not exists orders;

create table orders.order_snapshot (
  id                bigint generated always as identity primary key,
  client_id         bigint not null references clients.client (id),
  channel_id        bigint not null references clients.channel (id),
  order_id          text not null,
  commercial_id     text,
  state             text not null,
  can_cancel        boolean not null default false,
  currency          text,
  total_price       numeric(14, 2),
  shipping_price    numeric(14, 2),
  shipping_carrier  text,
  tracking_number   text,
  tracking_url      text,
  shipping_deadline timestamptz,
  customer_name     text,
  customer_email    text,                -- as the channel gives it (marketplaces give an anonymised relay)
  source_created_at timestamptz,
  source_updated_at timestamptz,
  fetched_at        timestamptz not null,
  refresh_error     text,                -- the last failed refresh, shown beside the (older) snapshot
  refresh_error_at  timestamptz,
  unique (channel_id, order_id)
);

create table orders.order_line (
  snapshot_id bigint not null references orders.order_snapshot (id) on delete cascade,
  position    int not null,
  line_id     text not null,
  sku         text,
  title       text,
  quantity    int not null,
  unit_price  numeric(14, 2),
  price       numeric(14, 2),
  state       text,
  primary key (snapshot_id, position)
);

create table orders.order_action (
  id          bigint generated always as identity primary key,
  snapshot_id bigint not null references orders.order_snapshot (id),
  ticket_id   bigint,
  action      text not null check (action in ('cancel', 'refuse_lines')),
  detail      text not null default '',
  user_id     bigint,
  user_name   text not null,
  outcome     text not null check (outcome in ('done', 'rejected', 'failed')),
  answer      text not null default '',
  at          timestamptz not null
);
create index order_action_snapshot_idx on orders.order_action (snapshot_id, at desc);
