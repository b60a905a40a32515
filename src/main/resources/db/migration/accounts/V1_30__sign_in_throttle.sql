-- Failed sign-ins counted per account (the e-mail as typed, lower case, whether or not such a user exists, so a
-- lockout tells nothing about existence), per source address, and per address for API tokens. Shared by every
-- node through this table.
create table accounts.sign_in_throttle (
  id               bigint generated always as identity primary key,
  kind             text not null check (kind in ('account', 'address', 'token')),
  key              text not null check (length(key) between 1 and 320),
  failures         integer not null,
  first_failure_at timestamptz not null,
  last_failure_at  timestamptz not null,
  locked_until     timestamptz,
  unique (kind, key)
);
create index sign_in_throttle_locked_idx on accounts.sign_in_throttle (locked_until) where locked_until is not null;
