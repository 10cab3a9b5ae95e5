package dev.salesagent.server.platform.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import dev.salesagent.server.platform.PlatformProperties;
import dev.salesagent.server.platform.db.Sql;
import dev.salesagent.server.platform.secret.TenantSecrets;
import java.security.Key;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The RSA keys that sign and verify access tokens, kept in the {@code signing_key} table so that every server
 * instance signs and verifies with the same set. One key is active (it signs, its id is the JWT {@code kid}); a
 * rotated-out key keeps verifying for {@code salesagent.platform.tokens.signing-key-retention}. Instances reload the
 * set every minute and whenever a token names a {@code kid} they do not know, so a rotation on one instance is picked
 * up by the others.
 */
@Component
public class SigningKeyStore implements JWKSource<SecurityContext> {

    private static final Duration RELOAD_EVERY = Duration.ofMinutes(1);
    private static final Duration MISS_RELOAD_MIN = Duration.ofSeconds(5);

    /** Tenant id under which signing keys are sealed: the nil UUID, which no tenant has. */
    public static final UUID PLATFORM = new UUID(0, 0);

    private final JdbcClient jdbc;
    private final TenantSecrets secrets;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration retention;
    private volatile Loaded loaded;

    /** The loaded set; {@code publicKeys}: each key's public half as a Java key, by {@code kid}, built once per load. */
    private record Loaded(JWKSet keys, String activeKid, Instant at, Map<String, RSAPublicKey> publicKeys) {
    }

    SigningKeyStore(JdbcClient jdbc, TransactionTemplate tx, Clock clock, PlatformProperties properties,
                    TenantSecrets secrets) {
        this.secrets = secrets;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.retention = properties.tokens().signingKeyRetention();
        tx.executeWithoutResult(s -> {
            lock();
            sealPlaintext();
            Integer active = jdbc.sql("select count(*) from signing_key where active").query(Integer.class).single();
            if (active == 0) {
                insertNew();
            }
        });
        reload();
    }

    /** The id of the key that signs new tokens. */
    public String activeKid() {
        return current().activeKid();
    }

    /** The public keys that verify tokens (JWK Set JSON object). */
    public Map<String, Object> publicJwks() {
        return current().keys().toPublicJWKSet().toJSONObject();
    }

    /**
     * Makes a new key active; the previous one verifies for the retention period.
     *
     * @return the new key's id
     */
    public String rotate() {
        String kid = tx.execute(s -> {
            lock();
            jdbc.sql("update signing_key set active = false, retired_at = ? where active")
                    .param(Sql.ts(clock.instant().plus(retention))).update();
            return insertNew();
        });
        reload();
        return kid;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        Loaded now = current();
        List<JWK> found = selector.select(now.keys());
        if (found.isEmpty() && Duration.between(now.at(), clock.instant()).compareTo(MISS_RELOAD_MIN) > 0) {
            found = selector.select(reload().keys()); // a kid minted by another instance after our last load
        }
        return found;
    }

    /**
     * Selects the verification key of an access token: the public key of the token's {@code kid} (every current key
     * when the token names none), only for RS256; a {@code kid} this instance does not know reloads the set, as
     * {@link #get} does. Unlike Nimbus's {@code JWSVerificationKeySelector} over this {@link JWKSource}, which turns the
     * selected JWK (its private half included) into Java keys on every token, the keys are built once per load.
     *
     * @return the selector for the access-token decoder's JWT processor
     */
    public JWSKeySelector<SecurityContext> verificationKeySelector() {
        return (header, context) -> {
            if (!JWSAlgorithm.RS256.equals(header.getAlgorithm())) {
                return List.of();
            }
            String kid = header.getKeyID();
            Loaded now = current();
            if (kid == null) {
                return List.copyOf(now.publicKeys().values());
            }
            RSAPublicKey key = now.publicKeys().get(kid);
            if (key == null && Duration.between(now.at(), clock.instant()).compareTo(MISS_RELOAD_MIN) > 0) {
                key = reload().publicKeys().get(kid); // a kid minted by another instance after our last load
            }
            return key == null ? List.<Key>of() : List.<Key>of(key);
        };
    }

    private Loaded current() {
        Loaded l = loaded;
        if (Duration.between(l.at(), clock.instant()).compareTo(RELOAD_EVERY) > 0) {
            l = reload();
        }
        return l;
    }

    private synchronized Loaded reload() {
        Instant now = clock.instant();
        List<JWK> keys = new java.util.ArrayList<>();
        String[] active = {null};
        jdbc.sql("select kid, jwk, jwk_sealed, active from signing_key where retired_at is null or retired_at > ?")
                .param(Sql.ts(now))
                .query((RowCallbackHandler) rs -> {
                    try {
                        byte[] sealed = rs.getBytes("jwk_sealed");
                        keys.add(RSAKey.parse(sealed != null
                                ? secrets.open(PLATFORM, sealedName(rs.getString("kid")), sealed)
                                : rs.getString("jwk")));
                    } catch (ParseException e) {
                        throw new IllegalStateException("signing_key " + rs.getString("kid") + " is not a JWK", e);
                    }
                    if (rs.getBoolean("active")) {
                        active[0] = rs.getString("kid");
                    }
                });
        if (active[0] == null) {
            throw new IllegalStateException("no active signing key in signing_key");
        }
        Map<String, RSAPublicKey> publicKeys = new LinkedHashMap<>();
        for (JWK key : keys) {
            try {
                publicKeys.put(key.getKeyID(), key.toRSAKey().toRSAPublicKey());
            } catch (JOSEException e) {
                throw new IllegalStateException("signing_key " + key.getKeyID() + " has no RSA public key", e);
            }
        }
        Loaded l = new Loaded(new JWKSet(keys), active[0], now, Map.copyOf(publicKeys));
        loaded = l;
        return l;
    }

    /**
     * Seals signing keys still stored in plaintext (written before keys were encrypted at rest): each private JWK is
     * encrypted with the secrets key ({@link TenantSecrets#seal}, bound to its {@code kid}) and the plaintext column
     * is cleared. Runs at start-up; idempotent.
     *
     * @return how many keys were sealed
     */
    public int sealPlaintextKeys() {
        return tx.execute(s -> {
            lock();
            return sealPlaintext();
        });
    }

    private int sealPlaintext() {
        List<String[]> plain = jdbc.sql("select kid, jwk from signing_key where jwk_sealed is null")
                .query((rs, n) -> new String[] {rs.getString("kid"), rs.getString("jwk")}).list();
        for (String[] row : plain) {
            jdbc.sql("update signing_key set jwk_sealed = ?, jwk = null where kid = ?")
                    .params(seal(row[0], row[1]), row[0]).update();
        }
        return plain.size();
    }

    private byte[] seal(String kid, String jwkJson) {
        return secrets.seal(PLATFORM, sealedName(kid), jwkJson);
    }

    /** The name a key is sealed under (associated data of its ciphertext). */
    public static String sealedName(String kid) {
        return "signing-key:" + kid;
    }

    private void lock() {
        jdbc.sql("select pg_advisory_xact_lock(7001)").query((RowCallbackHandler) rs -> { });
    }

    private String insertNew() {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
            jdbc.sql("insert into signing_key (kid, algorithm, jwk_sealed, created_at, active)"
                    + " values (?, 'RS256', ?, ?, true)")
                    .params(key.getKeyID(), seal(key.getKeyID(), key.toJSONString()), Sql.ts(clock.instant()))
                    .update();
            return key.getKeyID();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate an RSA signing key", e);
        }
    }
}
