-- Rules and routing: event and time rules, what fired on which ticket, team strategies, agent availability and
-- the notifications rules send to users.
create schema if not exists rules;

create table rules.rule (
  id              bigint generated always as identity primary key,
  client_id       bigint references clients.client (id) on delete cascade,   -- null: every client
  name            text not null check (length(name) between 1 and 200),
  kind            text not null check (kind in ('event', 'time')),
  position        int not null,
  enabled         boolean not null default true,
  triggers        text[] not null default '{}',
  match           text not null default 'all' check (match in ('all', 'any')),
  conditions      jsonb not null default '[]',
  actions         jsonb not null default '[]',
  stop_processing boolean not null default false,
  created_at      timestamptz not null,
  updated_at      timestamptz not null
);
create index rule_order_idx on rules.rule (position, id);

-- Bumped with every change to the rules: each node recompiles its rules when, and only when, this moved.
create table rules.revision (
  id    int primary key check (id = 1),
  value bigint not null
);
insert into rules.revision values (1, 0);

-- What fired on a ticket, and what its actions did ("code:detail" entries). A time rule's firing carries its
-- episode (the anchors of its time conditions): one firing per rule, ticket and episode, whichever node scans.
create table rules.firing (
  id        bigint generated always as identity primary key,
  rule_id   bigint references rules.rule (id) on delete set null,
  rule_name text not null,
  ticket_id bigint not null references tickets.ticket (id),
  client_id bigint not null,
  trigger   text not null,
  episode   text,
  outcomes  text[] not null,
  fired_at  timestamptz not null
);
create unique index firing_episode_idx on rules.firing (rule_id, ticket_id, episode) where episode is not null;
create index firing_ticket_idx on rules.firing (ticket_id, id);
create index firing_rule_ticket_idx on rules.firing (rule_id, ticket_id, fired_at);

-- How a team's queue is handed out. The row is locked while one ticket is assigned, so nodes take turns and the
-- round robin pointer never skips or repeats.
create table rules.team_routing (
  team_id               bigint primary key references accounts.team (id) on delete cascade,
  strategy              text not null default 'manual'
                        check (strategy in ('manual', 'round_robin', 'least_loaded', 'language')),
  any_language_fallback boolean not null default false,
  last_assigned_user_id bigint,
  updated_at            timestamptz not null
);

create table rules.agent_availability (
  user_id          bigint primary key references accounts.app_user (id) on delete cascade,
  status           text not null default 'offline' check (status in ('online', 'away', 'offline')),
  working_hours    text,                       -- "mon-fri 09:00-17:00"; null: any time
  time_zone        text not null default 'UTC',
  capacity         int check (capacity between 1 and 1000),   -- most new/open tickets at once; null: no limit
  last_assigned_at timestamptz,
  updated_at       timestamptz not null
);

create table rules.notification (
  id         bigint generated always as identity primary key,
  user_id    bigint not null references accounts.app_user (id) on delete cascade,
  ticket_id  bigint references tickets.ticket (id),
  rule_name  text not null,
  text       text not null,
  created_at timestamptz not null,
  read_at    timestamptz
);
create index notification_user_idx on rules.notification (user_id, id desc);
