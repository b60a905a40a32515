package dev.kontor.audit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Records every successful admin change of settings (clients, stores, channels, mailboxes, marketplaces, SLA,
 * rules, routing, triage) without each module having to remember it: a changing request on an admin page that
 * ends in a redirect (the admin forms redirect only after success), or a changing admin-only API call that
 * answers 2xx. Users, teams, grants and tokens are recorded by the accounts module itself, with more detail.
 */
@Configuration(proxyBeanMethods = false)
class AdminChangeRecorder implements WebMvcConfigurer, HandlerInterceptor {

    private static final Set<String> CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final String ACCOUNTS = "dev.kontor.accounts";

    private final AuditLog audit;

    AdminChangeRecorder(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this)
                .addPathPatterns("/admin/**", "/api/v1/**")
                .excludePathPatterns(
                        "/admin/users/**", "/admin/teams/**", "/admin/sign-in-locks/**", "/admin/audit/**");
    }

    @Override
    public void afterCompletion(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception failure) {
        if (failure != null || !CHANGING.contains(request.getMethod()) || !(handler instanceof HandlerMethod method)) {
            return;
        }
        int status = response.getStatus();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean done = path.startsWith("/admin/")
                ? status >= 300 && status < 400
                : status >= 200 && status < 300 && adminOnly(method);
        if (done) {
            audit.record(
                    AuditKind.SETTINGS_CHANGED,
                    null,
                    request.getMethod() + " " + path + " ("
                            + method.getBeanType().getSimpleName() + "."
                            + method.getMethod().getName() + ")");
        }
    }

    private static boolean adminOnly(HandlerMethod method) {
        if (method.getBeanType().getPackageName().startsWith(ACCOUNTS)) {
            return false;
        }
        PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), PreAuthorize.class);
        if (rule == null) {
            rule = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), PreAuthorize.class);
        }
        return rule != null && rule.value().startsWith("hasRole('ADMIN')");
    }
}
