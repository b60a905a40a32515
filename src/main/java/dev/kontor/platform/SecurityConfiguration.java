package dev.kontor.platform;

import dev.kontor.accounts.AccountManagement;
import dev.kontor.accounts.ExternalSignIn;
import dev.kontor.accounts.SignInThrottle;
import dev.kontor.accounts.TwoFactorManagement;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two doors: the agent UI signs in with a form and a session (kept in PostgreSQL, so any node serves it), and the
 * API with a Bearer token. Both end in the same principal: the user's id as the name.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain api(
            HttpSecurity http,
            AccountManagement accounts,
            SignInThrottle throttle,
            dev.kontor.accounts.SignedInUser signedIn,
            JsonMapper json,
            Clock clock)
            throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .csrf(c -> c.disable())
                // HSTS comes from ProxyAndHeadersFilter, for every response and from one setting.
                .headers(h -> h.httpStrictTransportSecurity(hsts -> hsts.disable()))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(
                        new BearerTokenFilter(accounts, throttle, signedIn, json, clock),
                        BasicAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> {
                    ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                            HttpStatus.UNAUTHORIZED, "A valid API token is required: Authorization: Bearer <token>");
                    problem.setTitle("Unauthorized");
                    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                    response.setHeader("WWW-Authenticate", "Bearer");
                    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    response.getWriter().write(json.writeValueAsString(problem));
                }));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain ui(
            HttpSecurity http,
            SignInThrottle throttle,
            TwoFactorManagement twoFactor,
            ExternalSignIn external,
            ObjectProvider<ClientRegistrationRepository> providers)
            throws Exception {
        SignInThrottleFilter throttling = new SignInThrottleFilter(throttle, twoFactor);
        http.addFilterBefore(throttling, UsernamePasswordAuthenticationFilter.class)
                .addFilterAfter(new SecondFactorGate(), AuthorizationFilter.class)
                .authorizeHttpRequests(a -> a.requestMatchers(
                                "/login",
                                "/setup",
                                "/assets/**",
                                "/webjars/**",
                                "/favicon.ico",
                                "/error",
                                // Public knowledge-base articles; internal ones answer 404 there.
                                "/help/**",
                                "/v3/api-docs/**",
                                "/actuator/health/**")
                        .permitAll()
                        .requestMatchers("/admin/**")
                        .hasRole("ADMIN")
                        .anyRequest()
                        .authenticated())
                .formLogin(f -> f.loginPage("/login")
                        .successHandler(throttling.successHandler())
                        .failureHandler(throttling.failureHandler())
                        .permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .headers(h -> h.httpStrictTransportSecurity(hsts -> hsts.disable())
                        .contentSecurityPolicy(c -> c.policyDirectives(String.join(
                                "; ",
                                List.of(
                                        "default-src 'self'",
                                        "script-src 'self'",
                                        "style-src 'self' 'unsafe-inline'",
                                        "img-src 'self' data:",
                                        "object-src 'none'",
                                        "frame-ancestors 'none'",
                                        "base-uri 'self'",
                                        "form-action 'self'")))));
        // OpenID Connect only when providers are configured (spring.security.oauth2.client.registration.*). No
        // AuthenticationManager bean of our own: it would hide the OIDC login provider.
        if (providers.getIfAvailable() != null) {
            http.oauth2Login(o -> o.loginPage("/login")
                    .userInfoEndpoint(u -> u.oidcUserService(new KontorOidcUserService(external)))
                    .successHandler(throttling.successHandler())
                    .failureHandler((request, response, e) ->
                            response.sendRedirect(request.getContextPath() + "/login?oidc-error")));
        }
        return http.build();
    }

    /** Form login: the principal's name is the user id, so a renamed e-mail keeps the session valid. */
    @Bean
    UserDetailsService userDetailsService(AccountManagement accounts) {
        return email -> accounts.credentials(email)
                .filter(c -> c.passwordHash() != null)
                .map(c -> User.withUsername(Long.toString(c.userId()))
                        .password(c.passwordHash())
                        .disabled(!c.active())
                        .roles(accounts.user(c.userId()).role().name())
                        .build())
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
    }
}
