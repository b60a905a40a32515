package dev.kontor.platform;

import dev.kontor.accounts.AccountManagement;
import dev.kontor.accounts.SignInThrottle;
import dev.kontor.accounts.SignedInUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Authenticates API calls by their Bearer token; the role comes from the token's user, read on each call. An
 * address that sent too many unknown tokens gets 429 with Retry-After until its lock ends, valid token or not,
 * so guessing gains nothing during a lock.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private final AccountManagement accounts;
    private final SignInThrottle throttle;
    private final SignedInUser signedIn;
    private final JsonMapper json;
    private final Clock clock;

    BearerTokenFilter(
            AccountManagement accounts, SignInThrottle throttle, SignedInUser signedIn, JsonMapper json, Clock clock) {
        this.signedIn = signedIn;
        this.accounts = accounts;
        this.throttle = throttle;
        this.json = json;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String address = request.getRemoteAddr();
            Optional<Instant> locked = throttle.tokenLockedUntil(address);
            if (locked.isPresent()) {
                tooManyAttempts(response, locked.get());
                return;
            }
            Optional<Long> user = accounts.authenticateToken(header.substring(7).strip());
            if (user.isEmpty()) {
                if (throttle.tokenFailed(address)) {
                    throttle.tokenLockedUntil(address).ifPresent(until -> tooManyAttempts(response, until));
                    if (response.isCommitted()) {
                        return;
                    }
                }
            } else {
                long userId = user.get();
                // Loaded once for the request: the controller's current user is this one.
                signedIn.load(userId)
                        .ifPresent(current -> SecurityContextHolder.getContext()
                                .setAuthentication(new UsernamePasswordAuthenticationToken(
                                        Long.toString(userId),
                                        null,
                                        List.of(new SimpleGrantedAuthority(
                                                "ROLE_" + current.role().name())))));
            }
        }
        chain.doFilter(request, response);
    }

    private void tooManyAttempts(HttpServletResponse response, Instant until) {
        long seconds = Math.max(1, (Duration.between(clock.instant(), until).toMillis() + 999) / 1000);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.TOO_MANY_REQUESTS,
                "Too many requests with an unknown API token from this address; retry after " + seconds + " s");
        problem.setTitle("Too many failed attempts");
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader("Retry-After", Long.toString(seconds));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        try {
            response.getWriter().write(json.writeValueAsString(problem));
            response.flushBuffer();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
