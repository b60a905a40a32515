package dev.kontor.platform;

import dev.kontor.accounts.ExternalSignIn;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** Loads the provider's user as usual, then maps it to a Kontor user by verified e-mail (or refuses). */
class KontorOidcUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private static final Logger log = LoggerFactory.getLogger(KontorOidcUserService.class);

    private final OidcUserService provider = new OidcUserService();
    private final ExternalSignIn external;

    KontorOidcUserService(ExternalSignIn external) {
        this.external = external;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser user = provider.loadUser(request);
        String registration = request.getClientRegistration().getRegistrationId();
        try {
            var kontorUser = external.user(registration, user.getEmail(), user.getEmailVerified(), user.getFullName());
            return new KontorOidcUser(
                    user,
                    kontorUser.id(),
                    List.of(new SimpleGrantedAuthority(
                            "ROLE_" + kontorUser.role().name())));
        } catch (ExternalSignIn.Refused e) {
            log.info("OpenID Connect sign-in through {} refused: {}", registration, e.getMessage());
            throw new OAuth2AuthenticationException(new OAuth2Error("kontor_user_refused"), e.getMessage());
        }
    }
}
