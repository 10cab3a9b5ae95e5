package dev.salesagent.crm.salesforce.internal.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.salesagent.crm.CrmAuthenticationException;
import dev.salesagent.crm.CrmConfigurationException;
import dev.salesagent.crm.CrmUnavailableException;
import dev.salesagent.crm.ErrorDetails;
import dev.salesagent.crm.http.AccessToken;
import dev.salesagent.crm.http.TokenSource;
import dev.salesagent.crm.salesforce.internal.api.TokenResponse;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The OAuth 2.0 JWT bearer flow
 * (https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_jwt_flow.htm): an RS256-signed assertion with
 * {@code iss} = consumer key, {@code sub} = username, {@code aud} = the authorization server
 * ({@code https://login.salesforce.com}, {@code https://test.salesforce.com} or a site URL) and {@code exp} 3 minutes ahead is
 * posted as {@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer}. The response's {@code instance_url} and
 * other fields go to {@link AccessToken#extras()}; Salesforce sends no expiry, so the session is kept until a 401.
 * Rejections ({@code invalid_grant}, {@code invalid_client}) raise {@link CrmAuthenticationException}; 5xx and I/O
 * failures {@link CrmUnavailableException}. Thread-safe.
 */
public final class JwtBearerTokenSource implements TokenSource {

    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final Duration ASSERTION_LIFETIME = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String providerId;
    private final String tokenUrl;
    private final String clientId;
    private final String username;
    private final String audience;
    private final RSASSASigner signer;
    private final OkHttpClient http;
    private final Clock clock;

    /**
     * @param loginUrl the host the token request goes to, e.g. {@code https://login.salesforce.com} or My Domain
     * @param audience the {@code aud} claim, e.g. {@code https://login.salesforce.com}
     * @param privateKeyPem PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----})
     * @throws CrmConfigurationException if the key cannot be read
     */
    public JwtBearerTokenSource(String providerId, String loginUrl, String audience, String clientId, String username,
                                String privateKeyPem, OkHttpClient http, Clock clock) {
        this.providerId = providerId;
        this.tokenUrl = loginUrl + "/services/oauth2/token";
        this.audience = Objects.requireNonNull(audience, "audience");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.username = Objects.requireNonNull(username, "username");
        this.signer = new RSASSASigner(readPrivateKey(providerId, privateKeyPem));
        this.http = http;
        this.clock = clock;
    }

    static PrivateKey readPrivateKey(String providerId, String pem) {
        try {
            String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                    .replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                    Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CrmConfigurationException(providerId,
                    List.of("key 'privateKey' is not a readable PKCS#8 RSA private key: " + e.getMessage()));
        }
    }

    /** The signed assertion for the current time. */
    String assertion() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId).subject(username).audience(audience)
                .expirationTime(Date.from(clock.instant().plus(ASSERTION_LIFETIME))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new CrmAuthenticationException("cannot sign the JWT bearer assertion: " + e.getMessage(),
                    ErrorDetails.of(providerId), e);
        }
        return jwt.serialize();
    }

    @Override
    public AccessToken fetch() {
        FormBody form = new FormBody.Builder().add("grant_type", GRANT_TYPE).add("assertion", assertion()).build();
        Request request = new Request.Builder().url(tokenUrl).header("Accept", "application/json").post(form).build();
        try (Response response = http.newCall(request).execute()) {
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            TokenResponse token = text.isBlank() ? new TokenResponse(null, null, null, null, null, null, null, null)
                    : JSON.readValue(text, TokenResponse.class);
            if (!response.isSuccessful() || token.accessToken() == null) {
                ErrorDetails details = ErrorDetails.http(providerId, response.code(), token.error(), null);
                String why = token.errorDescription() != null ? token.errorDescription() : "no access_token";
                if (response.code() >= 500) {
                    throw new CrmUnavailableException("Salesforce token endpoint failed: " + why, details);
                }
                throw new CrmAuthenticationException("Salesforce rejected the JWT bearer assertion for user '"
                        + username + "': " + why, details);
            }
            Map<String, String> extras = new LinkedHashMap<>();
            putIfPresent(extras, "instance_url", token.instanceUrl());
            putIfPresent(extras, "id", token.identityUrl());
            putIfPresent(extras, "token_type", token.tokenType());
            putIfPresent(extras, "issued_at", token.issuedAt());
            putIfPresent(extras, "scope", token.scope());
            return new AccessToken(token.accessToken(), null, extras);
        } catch (IOException e) {
            throw new CrmUnavailableException("Salesforce token endpoint unreachable: " + e.getMessage(),
                    ErrorDetails.of(providerId), e);
        }
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    @Override
    public String toString() {
        return "JwtBearerTokenSource[" + clientId + " as " + username + " at " + tokenUrl + "]";
    }
}
