package dev.kontor.platform;

import dev.kontor.accounts.TwoFactorManagement;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds a session whose password was right but whose second factor is still owed on the code page, and an admin
 * who must set up a second factor on the set-up page: nothing else (pages, fragments, live events) gets through.
 */
class SecondFactorGate extends OncePerRequestFilter {

    private static final List<String> ALWAYS = List.of("/logout", "/assets/", "/webjars/", "/error", "/favicon.ico");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null) {
            String path =
                    request.getRequestURI().substring(request.getContextPath().length());
            String place = session.getAttribute(TwoFactorManagement.PENDING) != null
                    ? "/login/two-factor"
                    : session.getAttribute(TwoFactorManagement.ENROL) != null ? "/account/two-factor" : null;
            if (place != null && !path.equals(place) && !path.startsWith(place + "/") && !always(path)) {
                if (request.getHeader("HX-Request") != null) {
                    response.setHeader("HX-Redirect", request.getContextPath() + place);
                    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                } else {
                    response.sendRedirect(request.getContextPath() + place);
                }
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean always(String path) {
        return ALWAYS.stream().anyMatch(p -> p.endsWith("/") ? path.startsWith(p) : path.equals(p));
    }
}
