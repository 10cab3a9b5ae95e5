package dev.salesagent.crm.netsuite.internal.client;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Objects;
import java.util.UUID;

/**
 * Builds the JWT client assertion of NetSuite's OAuth 2.0 client credentials (M2M) flow as described in
 * <a href="https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_162790605110.html">The Request Token
 * Structure</a>: header {@code typ=JWT}, {@code alg=PS256}, {@code kid=<certificate id>}; claims {@code iss=<client id>},
 * {@code scope=rest_webservices}, {@code aud=<token endpoint>}, {@code iat} and {@code exp} (at most 60 minutes after
 * {@code iat}; this class uses {@link #LIFETIME}).
 */
public final class M2mClientAssertion {

    /** Lifetime of one assertion: 5 minutes (NetSuite accepts at most 60). */
    public static final Duration LIFETIME = Duration.ofMinutes(5);
    /** The scope requested: REST web services only. */
    public static final String SCOPE = "rest_webservices";

    private final String clientId;
    private final String certificateId;
    private final String tokenEndpoint;
    private final RSASSASigner signer;
    private final Clock clock;

    public M2mClientAssertion(String clientId, String certificateId, PrivateKey privateKey, String tokenEndpoint, Clock clock) {
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.certificateId = Objects.requireNonNull(certificateId, "certificateId");
        this.tokenEndpoint = Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
        this.signer = new RSASSASigner(Objects.requireNonNull(privateKey, "privateKey"));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A freshly signed, compact-serialized assertion. */
    public String create() {
        Instant now = clock.instant();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.PS256).type(JOSEObjectType.JWT).keyID(certificateId).build();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(clientId)
                .claim("scope", SCOPE)
                .audience(tokenEndpoint)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the NetSuite client assertion: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }

    /**
     * Parses an RSA private key in PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}).
     *
     * @throws IllegalArgumentException naming the problem (e.g. a PKCS#1 key that must be converted with
     *                                  {@code openssl pkcs8 -topk8 -nocrypt})
     */
    public static PrivateKey parsePkcs8Pem(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("privateKey is empty");
        }
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalArgumentException("privateKey is PKCS#1 (BEGIN RSA PRIVATE KEY); convert it with "
                    + "'openssl pkcs8 -topk8 -nocrypt' to PKCS#8 (BEGIN PRIVATE KEY)");
        }
        if (pem.contains("ENCRYPTED PRIVATE KEY")) {
            throw new IllegalArgumentException("privateKey is encrypted; supply an unencrypted PKCS#8 PEM");
        }
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("privateKey is not an RSA PKCS#8 PEM key: " + e.getMessage(), e);
        }
    }
}
