-- An SMTP relay may accept mail without authentication (an empty SMTP user means: do not authenticate), and a
-- reply that failed says whether the server refused it for good (5xx, a refused recipient) or the attempts ran out.
alter table channels.mailbox alter column smtp_password drop not null;
alter table channels.outbound_mail add column permanent boolean not null default false;
