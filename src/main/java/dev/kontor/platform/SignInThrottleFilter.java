package dev.kontor.platform;

import dev.kontor.accounts.SignInThrottle;
import dev.kontor.accounts.TwoFactorManagement;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Form sign-in throttling: a locked account or address is refused before its password is even checked (so a
 * right guess during a lock tells nothing), failures are counted, and a success forgets the account's count.
 * Every refusal leads to the same two messages whether or not the account exists.
 */
class SignInThrottleFilter extends OncePerRequestFilter {

    private final SignInThrottle throttle;
    private final TwoFactorManagement twoFactor;

    SignInThrottleFilter(SignInThrottle throttle, TwoFactorManagement twoFactor) {
        this.throttle = throttle;
        this.twoFactor = twoFactor;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod())
                && (request.getContextPath() + "/login").equals(request.getRequestURI()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (throttle.signInLockedUntil(request.getParameter("username"), request.getRemoteAddr())
                .isPresent()) {
            response.sendRedirect(request.getContextPath() + "/login?locked");
            return;
        }
        chain.doFilter(request, response);
    }

    AuthenticationFailureHandler failureHandler() {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException e) -> {
            boolean locked = throttle.signInFailed(request.getParameter("username"), request.getRemoteAddr());
            response.sendRedirect(request.getContextPath() + (locked ? "/login?locked" : "/login?error"));
        };
    }

    SavedRequestAwareAuthenticationSuccessHandler successHandler() {
        var handler = new SavedRequestAwareAuthenticationSuccessHandler() {
            @Override
            public void onAuthenticationSuccess(
                    HttpServletRequest request, HttpServletResponse response, Authentication authentication)
                    throws ServletException, IOException {
                // A second sign-in in the same session starts clean (session fixation protection copies attributes).
                request.getSession().removeAttribute(TwoFactorManagement.PENDING);
                request.getSession().removeAttribute(TwoFactorManagement.ENROL);
                boolean external = authentication instanceof OAuth2AuthenticationToken;
                String email = authentication.getPrincipal() instanceof OidcUser oidc
                        ? oidc.getEmail()
                        : request.getParameter("username");
                String how = authentication instanceof OAuth2AuthenticationToken token
                        ? "with OpenID Connect " + token.getAuthorizedClientRegistrationId()
                        : "with password";
                long userId = Long.parseLong(authentication.getName());
                // The provider's own second factor applies to OpenID Connect sign-ins.
                if (!external && twoFactor.enabled(userId)) {
                    // Signed in only once the second factor is given: the gate lets nothing else through.
                    request.getSession().setAttribute(TwoFactorManagement.PENDING, email);
                    getRedirectStrategy().sendRedirect(request, response, "/login/two-factor");
                    return;
                }
                throttle.signedIn(email, how);
                if (!external && twoFactor.mustEnrol(userId)) {
                    request.getSession().setAttribute(TwoFactorManagement.ENROL, Boolean.TRUE);
                    getRedirectStrategy().sendRedirect(request, response, "/account/two-factor");
                    return;
                }
                super.onAuthenticationSuccess(request, response, authentication);
            }
        };
        handler.setDefaultTargetUrl("/");
        return handler;
    }
}
