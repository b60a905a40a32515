package dev.kontor.routing;

import java.util.List;

/**
 * Whether an agent takes new tickets: status (online, away, offline), weekly working hours in a time zone (none:
 * any time), capacity (most new and open tickets at once; null: no limit), and the current load.
 */
public record AgentAvailability(
        long userId,
        String name,
        String status,
        String workingHours,
        String timeZone,
        Integer capacity,
        int load,
        boolean availableNow,
        List<String> languages) {

    /** What an admin or the agent sets; {@code handBack}: going offline returns the agent's open tickets. */
    public record Change(String status, String workingHours, String timeZone, Integer capacity, boolean handBack) {}
}
