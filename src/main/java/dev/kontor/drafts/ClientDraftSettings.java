package dev.kontor.drafts;

import java.util.List;

/**
 * A client's rules for drafts: which model may see its tickets, and the domains (its shops' sites) a draft may link
 * to besides the carrier's tracking link.
 */
public record ClientDraftSettings(long clientId, ModelPolicy policy, List<String> linkDomains) {

    /** Until an admin chooses, a client's tickets go to a local model only: nothing leaves the house unasked. */
    public static ClientDraftSettings defaults(long clientId) {
        return new ClientDraftSettings(clientId, ModelPolicy.LOCAL_ONLY, List.of());
    }

    public String linkDomainsText() {
        return String.join("\n", linkDomains);
    }
}
