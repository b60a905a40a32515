-- Real mail generators reuse Message-IDs for different mails, so only a byte-identical copy is a duplicate: the
-- dedupe key becomes the hash of the raw bytes, and every copy that is skipped is recorded with why.
update channels.inbound_mail
   set dedupe_key = 'sha256:' || encode(sha256(raw), 'hex')
 where dedupe_key not like 'sha256:%';

create table channels.skipped_mail (
  id            bigint generated always as identity primary key,
  mailbox_id    bigint not null references channels.mailbox (id),
  uid_validity  bigint not null,
  uid           bigint not null,
  reason        text not null check (reason in ('identical')),
  duplicate_of  bigint not null references channels.inbound_mail (id),
  skipped_at    timestamptz not null,
  unique (mailbox_id, uid_validity, uid)
);
create index skipped_mail_mailbox_idx on channels.skipped_mail (mailbox_id, id desc);
