package dev.kontor.sla;

/** A policy as admins see and send it; null conditions match anything, null targets mean none. */
public record SlaPolicyView(
        Long id,
        long clientId,
        String name,
        int position,
        boolean enabled,
        Long storeId,
        String channelKind,
        String category,
        String tag,
        String customerTier,
        String priority,
        Integer firstResponseMinutes,
        Integer nextResponseMinutes,
        Integer resolutionMinutes,
        String clock,
        Long calendarId) {

    /** The same policy under another id (null: a new one). */
    public SlaPolicyView withId(Long newId) {
        return new SlaPolicyView(
                newId,
                clientId,
                name,
                position,
                enabled,
                storeId,
                channelKind,
                category,
                tag,
                customerTier,
                priority,
                firstResponseMinutes,
                nextResponseMinutes,
                resolutionMinutes,
                clock,
                calendarId);
    }
}
