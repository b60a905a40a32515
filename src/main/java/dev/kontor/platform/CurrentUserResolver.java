package dev.kontor.platform;

import dev.kontor.accounts.AccountManagement;
import dev.kontor.accounts.CurrentUser;
import dev.kontor.shared.ClientScope;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets controllers take a {@link CurrentUser} (or just its {@link ClientScope}) parameter, read fresh from the
 * database once per request.
 */
@Configuration(proxyBeanMethods = false)
class CurrentUserResolver implements WebMvcConfigurer, HandlerMethodArgumentResolver {

    /** One lookup per request, however many controller methods and advices ask. */
    private static final String ATTRIBUTE = CurrentUserResolver.class.getName();

    private final AccountManagement accounts;

    CurrentUserResolver(AccountManagement accounts) {
        this.accounts = accounts;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(CurrentUser.class)
                || parameter.getParameterType().equals(ClientScope.class);
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory) {
        CurrentUser user = currentUser(webRequest);
        return parameter.getParameterType().equals(ClientScope.class) ? user.scope() : user;
    }

    private CurrentUser currentUser(NativeWebRequest webRequest) {
        Object cached = webRequest.getAttribute(ATTRIBUTE, NativeWebRequest.SCOPE_REQUEST);
        if (cached instanceof CurrentUser user) {
            return user;
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            throw new InsufficientAuthenticationException("not signed in");
        }
        long id;
        try {
            id = Long.parseLong(auth.getName());
        } catch (NumberFormatException e) {
            throw new InsufficientAuthenticationException("not signed in");
        }
        CurrentUser user =
                accounts.currentUser(id).orElseThrow(() -> new InsufficientAuthenticationException("user is inactive"));
        webRequest.setAttribute(ATTRIBUTE, user, NativeWebRequest.SCOPE_REQUEST);
        return user;
    }
}
