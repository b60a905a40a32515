-- SLA: calendars (business hours per client), policies (conditions → targets), each ticket's running deadlines,
-- and the warnings and breaches raised (once per ticket, metric and deadline).
create schema if not exists sla;

create table sla.calendar (
  id         bigint generated always as identity primary key,
  client_id  bigint not null references clients.client (id),
  name       text not null,
  time_zone  text not null,
  hours      text not null,                 -- "mon-fri 09:00-18:00; sat 10:00-14:00"
  holidays   date[] not null default '{}',
  unique (client_id, name)
);

create table sla.policy (
  id                     bigint generated always as identity primary key,
  client_id              bigint not null references clients.client (id),
  name                   text not null,
  position               int not null,
  enabled                boolean not null default true,
  -- Conditions: null matches anything.
  store_id               bigint references clients.store (id),
  channel_kind           text,
  category               text,
  tag                    text,
  customer_tier          text,
  priority               text,
  -- Targets in minutes of the clock; null: no target for that metric.
  first_response_minutes int check (first_response_minutes > 0),
  next_response_minutes  int check (next_response_minutes > 0),
  resolution_minutes     int check (resolution_minutes > 0),
  -- 'calendar' (business hours, or 24/7 without a calendar) or 'marketplace' (from the channel's own
  -- "reply needed since", stopped by "no reply needed").
  clock                  text not null default 'calendar' check (clock in ('calendar', 'marketplace')),
  calendar_id            bigint references sla.calendar (id)
);
create index policy_client_idx on sla.policy (client_id, position);

-- The resolution clock pauses while a ticket waits on the customer (pending, on hold).
create table sla.ticket_clock (
  ticket_id       bigint primary key references tickets.ticket (id),
  client_id       bigint not null,
  policy_id       bigint,
  paused_since    timestamptz,
  paused_seconds  bigint not null default 0,
  updated_at      timestamptz not null
);

-- A ticket's running deadlines, one per metric; the watcher reads them by due time.
create table sla.deadline (
  ticket_id      bigint not null references tickets.ticket (id),
  metric         text not null check (metric in ('first_response', 'next_response', 'resolution')),
  client_id      bigint not null,
  due_at         timestamptz not null,
  started_at     timestamptz not null,
  target_seconds bigint not null,
  primary key (ticket_id, metric)
);
create index deadline_due_idx on sla.deadline (due_at);

create table sla.alert (
  id        bigint generated always as identity primary key,
  ticket_id bigint not null references tickets.ticket (id),
  client_id bigint not null,
  metric    text not null,
  kind      text not null check (kind in ('warning', 'breach')),
  due_at    timestamptz not null,
  raised_at timestamptz not null,
  unique (ticket_id, metric, kind, due_at)
);
create index alert_client_idx on sla.alert (client_id, raised_at desc);
