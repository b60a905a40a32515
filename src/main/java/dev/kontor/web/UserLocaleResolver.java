package dev.kontor.web;

import dev.kontor.accounts.AccountManagement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/** The UI speaks the signed-in user's language; before sign-in, the browser's (en, de, fr or it). */
@Component("localeResolver")
class UserLocaleResolver implements LocaleResolver {

    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.GERMAN, Locale.FRENCH, Locale.ITALIAN);
    private static final String ATTRIBUTE = UserLocaleResolver.class.getName();

    private final AccountManagement accounts;
    private final AcceptHeaderLocaleResolver browser = new AcceptHeaderLocaleResolver();

    UserLocaleResolver(AccountManagement accounts) {
        this.accounts = accounts;
        browser.setSupportedLocales(SUPPORTED);
        browser.setDefaultLocale(Locale.ENGLISH);
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof Locale cached) {
            return cached;
        }
        Locale locale = browser.resolveLocale(request);
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && auth.getName().matches("\\d+")) {
            locale = accounts.currentUser(Long.parseLong(auth.getName()))
                    .map(u -> Locale.forLanguageTag(u.locale()))
                    .orElse(locale);
        }
        request.setAttribute(ATTRIBUTE, locale);
        return locale;
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        throw new UnsupportedOperationException("the locale is a user setting");
    }
}
