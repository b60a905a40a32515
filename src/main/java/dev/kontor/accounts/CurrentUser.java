package dev.kontor.accounts;

import dev.kontor.shared.ClientScope;

/** The signed-in user of one request, read fresh from the database so revoked access applies at once. */
public record CurrentUser(long id, String email, String displayName, Role role, String locale, ClientScope scope) {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public boolean isSupervisorOrAdmin() {
        return role == Role.ADMIN || role == Role.SUPERVISOR;
    }
}
