-- Orders change without messages (shipped, cancelled by the operator): each poll also reads OR11 for orders
-- updated since this instant, so a cancellation request shows the order's real state.
alter table channels.marketplace_account add column order_cursor timestamptz;
