-- Who did what to access and settings, and when: sign-ins, failures, lockouts, admin changes, grants, API tokens,
-- exports. Append-only; user ids are plain numbers (no foreign key) so the trail outlives a deleted user.
create schema if not exists audit;

create table audit.entry (
  id         bigint generated always as identity primary key,
  at         timestamptz not null,
  kind       text not null,
  actor_id   bigint,
  subject_id bigint,
  address    text,
  detail     text not null default '' check (length(detail) <= 2000)
);
create index entry_at_idx on audit.entry (at desc, id desc);
create index entry_kind_at_idx on audit.entry (kind, at desc);
create index entry_actor_idx on audit.entry (actor_id, at desc) where actor_id is not null;
create index entry_subject_idx on audit.entry (subject_id, at desc) where subject_id is not null;
