package dev.salesagent.server.platform.auth;

import dev.salesagent.server.platform.PlatformProperties;
import dev.salesagent.server.platform.security.Role;
import dev.salesagent.server.platform.user.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Service;

/**
 * Mints RS256 access tokens with the active signing key's {@code kid}. Claims: {@code iss}, {@code sub} (user id),
 * {@code tid} (tenant id), {@code tenant} (slug), {@code email}, {@code roles}, {@code iat}, {@code exp}, {@code jti}.
 * The roles claim is informational: each request reloads the user's roles, so a change applies at once.
 */
@Service
public class TokenService {

    private final JwtEncoder encoder;
    private final SigningKeyStore keys;
    private final Clock clock;
    private final PlatformProperties.Tokens settings;

    TokenService(SigningKeyStore keys, Clock clock, PlatformProperties properties) {
        this.encoder = new NimbusJwtEncoder(keys);
        this.keys = keys;
        this.clock = clock;
        this.settings = properties.tokens();
    }

    /** Lifetime of an access token. */
    public Duration accessTokenTtl() {
        return settings.accessTokenTtl();
    }

    /** A signed access token for the user of a tenant. */
    public String accessToken(User user, String tenantSlug) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(settings.issuer())
                .subject(user.id().toString())
                .issuedAt(now)
                .expiresAt(now.plus(settings.accessTokenTtl()))
                .id(UUID.randomUUID().toString())
                .claim("tid", user.tenantId().toString())
                .claim("tenant", tenantSlug)
                .claim("email", user.email())
                .claim("roles", user.roles().stream().map(Role::id).sorted().toList())
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(keys.activeKid()).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }
}
