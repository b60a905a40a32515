-- A Message-ID's local part is case-sensitive: Outlook/Exchange thread a reply only when In-Reply-To and
-- References carry the ID byte for byte. rfc_message_id stays the lower-cased key for matching; exact_id keeps
-- the ID as it was written (rows recorded before this keep only the lower-cased form).
alter table channels.mail_thread add column exact_id text;
