package dev.kontor.web;

import dev.kontor.accounts.SignedInUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/** The UI speaks the signed-in user's language; before sign-in, the browser's (en, de, fr or it). */
@Component("localeResolver")
class UserLocaleResolver implements LocaleResolver {

    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.GERMAN, Locale.FRENCH, Locale.ITALIAN);
    private static final String ATTRIBUTE = UserLocaleResolver.class.getName();

    private final SignedInUser signedIn;
    private final AcceptHeaderLocaleResolver browser = new AcceptHeaderLocaleResolver();

    UserLocaleResolver(SignedInUser signedIn) {
        this.signedIn = signedIn;
        browser.setSupportedLocales(SUPPORTED);
        browser.setDefaultLocale(Locale.ENGLISH);
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof Locale cached) {
            return cached;
        }
        Locale locale = browser.resolveLocale(request);
        locale = signedIn.current().map(u -> Locale.forLanguageTag(u.locale())).orElse(locale);
        request.setAttribute(ATTRIBUTE, locale);
        return locale;
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        throw new UnsupportedOperationException("the locale is a user setting");
    }
}
