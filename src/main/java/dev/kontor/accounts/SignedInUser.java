package dev.kontor.accounts;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The user of the current request, read from the database once per request however many places ask (locale,
 * layout, controller arguments) and fresh on the next, so a revoked grant applies at once.
 */
@Component
public class SignedInUser {

    private static final String ATTRIBUTE = SignedInUser.class.getName();

    private final AccountManagement accounts;

    SignedInUser(AccountManagement accounts) {
        this.accounts = accounts;
    }

    /** Empty when nobody is signed in or the user has been deactivated. */
    public Optional<CurrentUser> current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || !auth.getName().matches("\\d{1,18}")) {
            return Optional.empty();
        }
        return load(Long.parseLong(auth.getName()));
    }

    /**
     * The user with this id, for the rest of the request: the API's token filter loads it once to learn the role,
     * and the controller's argument gets the same.
     */
    public Optional<CurrentUser> load(long id) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null
                && request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof CurrentUser cached
                && cached.id() == id) {
            return Optional.of(cached);
        }
        Optional<CurrentUser> user = accounts.currentUser(id);
        if (request != null && user.isPresent()) {
            request.setAttribute(ATTRIBUTE, user.get(), RequestAttributes.SCOPE_REQUEST);
        }
        return user;
    }
}
