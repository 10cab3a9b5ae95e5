package dev.salesagent.server.platform.security;

import java.util.Optional;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The authentication of a request with a valid access token: the {@link CurrentUser} as principal and the user's
 * permissions ({@link Permission#action()}) as authorities, so {@code hasAuthority('users:write')} checks the table.
 */
public final class PlatformAuthentication extends AbstractAuthenticationToken {

    private final CurrentUser user;
    private final transient Jwt token;

    /** Creates an authenticated token. */
    public PlatformAuthentication(CurrentUser user, Jwt token) {
        super(user.permissions().stream().map(p -> new SimpleGrantedAuthority(p.action())).toList());
        this.user = user;
        this.token = token;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return token;
    }

    @Override
    public CurrentUser getPrincipal() {
        return user;
    }

    @Override
    public String getName() {
        return user.id().toString();
    }

    /** The signed-in user of the current thread's request, if any. */
    public static Optional<CurrentUser> current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth instanceof PlatformAuthentication p ? Optional.of(p.user) : Optional.empty();
    }

    /**
     * The signed-in user.
     *
     * @throws IllegalStateException outside an authenticated request
     */
    public static CurrentUser require() {
        return current().orElseThrow(() -> new IllegalStateException("no signed-in user on this thread"));
    }
}
