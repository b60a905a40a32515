-- Every page's top bar counts the user's unread notifications; read ones pile up, so count only the unread.
create index notification_unread_idx on rules.notification (user_id) where read_at is null;
