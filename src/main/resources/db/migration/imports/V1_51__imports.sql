-- History imports: a job per uploaded file, the file itself in parts (so any node can run or resume the job), and
-- the lines it could not import. The job's checkpoint (bytes_done, lines_done and the counters) moves in the same transaction
-- that writes a batch, so a crash at any moment resumes after the last committed batch.
create schema if not exists imports;

create table imports.import_job (
  id                bigint generated always as identity primary key,
  client_id         bigint not null,
  store_id          bigint not null,
  channel_id        bigint not null,
  source            text not null check (source ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
  format            text not null check (format in ('jsonl', 'csv')),
  file_name         text not null,
  run_flow          boolean not null default false,
  status            text not null check (status in ('uploading', 'queued', 'running', 'finished', 'failed', 'cancelled')),
  total_bytes       bigint not null default 0,
  parts             int not null default 0,
  -- The checkpoint: how far into the file the committed batches reached (bytes, and lines for error numbers).
  bytes_done        bigint not null default 0,
  lines_done        bigint not null default 0,
  tickets_created   bigint not null default 0,
  tickets_updated   bigint not null default 0,
  messages_created  bigint not null default 0,
  messages_skipped  bigint not null default 0,
  error_lines       bigint not null default 0,
  created_by        bigint,
  created_at        timestamptz not null,
  started_at        timestamptz,
  finished_at       timestamptz,
  -- The rate is measured since the job last (re)started, from the lines done then.
  resumed_at        timestamptz,
  bytes_at_resume   bigint not null default 0,
  messages_at_resume bigint not null default 0,
  -- The node running the job renews its lease with every batch; a lease that ran out (a crashed node) is taken over.
  lease_owner       text,
  lease_until       timestamptz,
  failure           text
);
create index import_job_client_idx on imports.import_job (client_id, id desc);
create index import_job_due_idx on imports.import_job (status, lease_until) where status in ('queued', 'running');

create table imports.import_part (
  job_id  bigint not null references imports.import_job (id) on delete cascade,
  part_no int not null,
  content bytea not null,
  primary key (job_id, part_no)
);

create table imports.import_error (
  id       bigint generated always as identity primary key,
  job_id   bigint not null references imports.import_job (id) on delete cascade,
  line_no  bigint not null,
  field    text not null,
  message  text not null,
  -- false: the line was imported and only this field was left out (an unknown assignee).
  skipped  boolean not null default true
);
create index import_error_job_idx on imports.import_error (job_id, line_no, id);
