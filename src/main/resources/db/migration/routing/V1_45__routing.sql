-- Routing leaves the rules module: team strategies and agents' availability move to their own schema. The tables
-- move with their rows, keys, checks and indexes (SET SCHEMA), so an existing install keeps its settings.
create schema if not exists routing;

alter table rules.team_routing set schema routing;
alter table rules.agent_availability set schema routing;

-- A hand-out still to do when the node stopped was recorded for the rules module's listener; the same event now
-- belongs to routing (same fields), so it is handed to routing's listener instead of failing after the upgrade.
update platform.event_publication
set event_type  = 'dev.kontor.routing.internal.QueueTriggers$AgentFreed',
    listener_id = 'dev.kontor.routing.internal.QueueTriggers.on(dev.kontor.routing.internal.QueueTriggers$AgentFreed)'
where event_type = 'dev.kontor.rules.internal.RuleTriggers$AgentFreed'
  and completion_date is null;
