package dev.kontor.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.ForwardedHeaderFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first filter of every request. Forwarded headers count only from a configured trusted proxy: then the request
 * has the browser's scheme, host and address (so the session cookie is {@code Secure} under HTTPS and sign-in
 * throttling sees the real address); from anyone else they are removed, so a client cannot claim HTTPS or another
 * address. Then it sets the headers every response carries: HSTS (over HTTPS only, as browsers ignore it
 * otherwise), {@code Referrer-Policy} and {@code Permissions-Policy}. Doing it here rather than in the security
 * chains covers responses that never reach them (a 413, an error page).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProxyAndHeadersFilter extends OncePerRequestFilter {

    /** Ticket links must not tell the sites customers link to which ticket an agent was reading. */
    static final String REFERRER_POLICY = "same-origin";

    /** Kontor uses no device or payment feature: a script that got in cannot either. */
    static final String PERMISSIONS_POLICY =
            "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), midi=(),"
                    + " display-capture=(), fullscreen=(self)";

    private final List<IpAddressMatcher> trusted;
    private final String hsts;
    private final ForwardedHeaderFilter believe = new ForwardedHeaderFilter();
    private final ForwardedHeaderFilter drop = new ForwardedHeaderFilter();

    ProxyAndHeadersFilter(HttpSettings settings) {
        this.trusted = settings.trustedProxies().stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(ProxyAndHeadersFilter::matcher)
                .toList();
        this.hsts = "max-age=" + settings.hstsMaxAge().toSeconds() + "; includeSubDomains";
        drop.setRemoveOnly(true);
    }

    private static IpAddressMatcher matcher(String address) {
        try {
            return new IpAddressMatcher(address);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "kontor.http.trusted-proxies: '" + address + "' is not an IP address or CIDR range", e);
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String from = request.getRemoteAddr();
        boolean fromProxy = trusted.stream().anyMatch(m -> m.matches(from));
        (fromProxy ? believe : drop).doFilter(request, response, (req, res) -> {
            HttpServletResponse r = (HttpServletResponse) res;
            if (req.isSecure()) {
                r.setHeader("Strict-Transport-Security", hsts);
            }
            r.setHeader("Referrer-Policy", REFERRER_POLICY);
            r.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
            chain.doFilter(req, res);
        });
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }
}
