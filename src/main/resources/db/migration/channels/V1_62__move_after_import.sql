-- Optionally, an imported mail is moved out of the fetched folder (into e.g. "Kontor/Imported"), so the mailbox
-- stays tidy for people who also read it with a mail client. Null: the mail stays, flagged \Seen.
alter table channels.mailbox add column move_to_folder text;
