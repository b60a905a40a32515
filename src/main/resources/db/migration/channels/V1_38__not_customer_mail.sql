-- Bulk, junk and list mail, and automatic replies that answer no ticket, are kept apart from the inbox in a
-- "not a customer message" list, from where an admin can still open one as a ticket.
alter table channels.inbound_mail drop constraint inbound_mail_status_check;
alter table channels.inbound_mail add constraint inbound_mail_status_check
  check (status in ('new', 'imported', 'quarantined', 'ignored', 'bounce', 'not_customer'));
create index inbound_mail_not_customer_idx on channels.inbound_mail (mailbox_id, id desc) where status = 'not_customer';
