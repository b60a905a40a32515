-- TOTP second factor (RFC 6238). The secret is AES-GCM encrypted with the server's key; confirmed_at is null
-- while the user is still setting it up. last_step is the last time step a code was accepted for, so a code
-- seen by a shoulder-surfer cannot be used again.
create table accounts.two_factor (
  user_id          bigint primary key references accounts.app_user (id) on delete cascade,
  secret_encrypted bytea not null,
  created_at       timestamptz not null,
  confirmed_at     timestamptz,
  last_step        bigint not null default 0
);

-- One-time recovery codes, shown once and stored only as password hashes.
create table accounts.recovery_code (
  id        bigint generated always as identity primary key,
  user_id   bigint not null references accounts.app_user (id) on delete cascade,
  code_hash text not null,
  used_at   timestamptz
);
create index recovery_code_user_idx on accounts.recovery_code (user_id);
