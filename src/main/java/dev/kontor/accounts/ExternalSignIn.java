package dev.kontor.accounts;

import dev.kontor.accounts.AccountCommands.CreateUser;
import dev.kontor.audit.AuditKind;
import dev.kontor.audit.AuditLog;
import dev.kontor.shared.EmailAddress;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Maps a user signed in at an OpenID Connect provider to the Kontor user with the same verified e-mail. */
@Service
// A refusal is recorded in the audit log; it must not roll that entry back.
@Transactional(noRollbackFor = ExternalSignIn.Refused.class)
public class ExternalSignIn {

    /** The provider's user may not sign in here; the reason is for the log and the audit trail, not the page. */
    public static class Refused extends RuntimeException {
        Refused(String reason) {
            super(reason);
        }
    }

    private final AccountManagement accounts;
    private final OidcSettings settings;
    private final AuditLog audit;

    ExternalSignIn(AccountManagement accounts, OidcSettings settings, AuditLog audit) {
        this.accounts = accounts;
        this.settings = settings;
        this.audit = audit;
    }

    /**
     * The active Kontor user for this provider's e-mail, created when the settings allow. A missing or
     * unverified e-mail, an unknown one (without creation) or a deactivated user is refused and recorded.
     */
    public UserView user(String provider, String email, Boolean emailVerified, String name) {
        if (email == null || email.isBlank()) {
            throw refused(provider, null, "the provider sent no e-mail");
        }
        if (Boolean.FALSE.equals(emailVerified)) {
            throw refused(provider, email, "the provider has not verified " + email);
        }
        var existing = accounts.userByEmail(email);
        if (existing.isPresent()) {
            if (!existing.get().active()) {
                throw refused(provider, email, "the user " + email + " is deactivated");
            }
            return existing.get();
        }
        if (!settings.createUsers()) {
            throw refused(provider, email, "no Kontor user has the e-mail " + email);
        }
        String displayName = name == null || name.isBlank() ? email : name.strip();
        return accounts.createUser(new CreateUser(
                new EmailAddress(email).value(),
                displayName.length() > 200 ? displayName.substring(0, 200) : displayName,
                settings.newUserRole(),
                null,
                "en",
                List.of(),
                Set.of()));
    }

    private Refused refused(String provider, String email, String reason) {
        Long userId = email == null
                ? null
                : accounts.userByEmail(email).map(UserView::id).orElse(null);
        audit.record(AuditKind.SIGN_IN_FAILED, null, userId, "OpenID Connect " + provider + ": " + reason);
        return new Refused(reason);
    }
}
