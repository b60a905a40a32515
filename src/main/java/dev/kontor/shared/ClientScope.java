package dev.kontor.shared;

import java.util.Collection;
import java.util.Set;

/**
 * The client companies a user may see. Every read of tickets, customers, reports, live events and exports is
 * narrowed by one; admins get {@link #everything()}.
 */
public record ClientScope(boolean all, Set<Long> clientIds) {

    public ClientScope {
        clientIds = Set.copyOf(clientIds);
    }

    public static ClientScope everything() {
        return new ClientScope(true, Set.of());
    }

    public static ClientScope of(Collection<Long> clientIds) {
        return new ClientScope(false, Set.copyOf(clientIds));
    }

    public boolean permits(long clientId) {
        return all || clientIds.contains(clientId);
    }

    public boolean isEmpty() {
        return !all && clientIds.isEmpty();
    }
}
