-- A reply the agent wrote in their language and Kontor sent translated: body_text is what the customer got (in
-- language), original_text what the agent wrote (in original_language).
alter table tickets.message
  add column language          text,
  add column original_text     text,
  add column original_language text;
