package dev.kontor.platform;

import dev.kontor.accounts.CurrentUser;
import dev.kontor.accounts.SignedInUser;
import dev.kontor.shared.ClientScope;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.InsufficientAuthenticationException;
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

    private final SignedInUser signedIn;

    CurrentUserResolver(SignedInUser signedIn) {
        this.signedIn = signedIn;
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
        CurrentUser user = currentUser();
        return parameter.getParameterType().equals(ClientScope.class) ? user.scope() : user;
    }

    private CurrentUser currentUser() {
        return signedIn.current().orElseThrow(() -> new InsufficientAuthenticationException("not signed in"));
    }
}
