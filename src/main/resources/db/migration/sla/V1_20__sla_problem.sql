-- A ticket whose SLA cannot be worked out as configured (its calendar cannot be read, the computation failed)
-- keeps the reason until a recompute succeeds: shown on the ticket and to admins instead of a silent gap.
alter table sla.ticket_clock
  add column problem    text,
  add column problem_at timestamptz;
create index ticket_clock_problem_idx on sla.ticket_clock (problem_at desc) where problem is not null;

-- Holidays are a set: calendars saved before this kept repeats (and the SLA could not read them).
update sla.calendar c
   set holidays = coalesce((select array_agg(distinct d order by d) from unnest(c.holidays) d where d is not null), '{}');
