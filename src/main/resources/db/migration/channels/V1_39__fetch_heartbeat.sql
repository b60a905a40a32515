-- Crash recovery in seconds: the fetch lease is short and renewed by a heartbeat while its fetch lives, and has an
-- owner so only that fetch renews or releases it. A lease that ran out unreleased means its node died: the
-- dispatcher takes the mailbox over by moving fetch_generation on, so a new fetch task instance starts at once
-- instead of waiting for the scheduler to declare the dead node's execution dead.
alter table channels.mailbox add column fetch_lease_owner text;
alter table channels.mailbox add column fetch_generation int not null default 0;
alter table channels.mailbox add column recovered_at timestamptz;
