package dev.kontor.platform;

import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * A provider's user as the Kontor user it maps to: the name is the Kontor user id (as for form sign-in, so every
 * controller finds the same principal) and the authorities are the Kontor role. Kept in the JDBC session.
 */
record KontorOidcUser(OidcUser provider, long userId, List<GrantedAuthority> authorities)
        implements OidcUser, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    @Override
    public String getName() {
        return Long.toString(userId);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return authorities;
    }

    @Override
    public Map<String, Object> getAttributes() {
        return provider.getAttributes();
    }

    @Override
    public Map<String, Object> getClaims() {
        return provider.getClaims();
    }

    @Override
    public OidcUserInfo getUserInfo() {
        return provider.getUserInfo();
    }

    @Override
    public OidcIdToken getIdToken() {
        return provider.getIdToken();
    }
}
