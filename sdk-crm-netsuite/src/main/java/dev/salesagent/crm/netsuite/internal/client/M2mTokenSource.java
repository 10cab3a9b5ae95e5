package dev.salesagent.crm.netsuite.internal.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salesagent.crm.CrmAuthenticationException;
import dev.salesagent.crm.CrmUnavailableException;
import dev.salesagent.crm.ErrorDetails;
import dev.salesagent.crm.http.AccessToken;
import dev.salesagent.crm.http.TokenSource;
import dev.salesagent.crm.netsuite.internal.api.TokenResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * NetSuite OAuth 2.0 client credentials (M2M) token source: posts {@code grant_type=client_credentials},
 * {@code client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer} and a fresh
 * {@link M2mClientAssertion} to {@code /services/rest/auth/oauth2/v1/token}, as documented in
 * <a href="https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_162755359851.html">POST Request to
 * the Token Endpoint</a>. The shared {@code OAuth2TokenAuth} caches the token and calls {@link #fetch()} to refresh.
 */
public final class M2mTokenSource implements TokenSource {

    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final String providerId;
    private final String tokenEndpoint;
    private final M2mClientAssertion assertion;
    private final OkHttpClient http;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public M2mTokenSource(String providerId, String tokenEndpoint, M2mClientAssertion assertion, OkHttpClient http,
                          Clock clock) {
        this.providerId = providerId;
        this.tokenEndpoint = Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
        this.assertion = Objects.requireNonNull(assertion, "assertion");
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @throws CrmAuthenticationException when NetSuite rejects the assertion (4xx, vendor code = OAuth {@code error})
     * @throws CrmUnavailableException    on I/O failure or 5xx
     */
    @Override
    public AccessToken fetch() {
        FormBody form = new FormBody.Builder()
                .add("grant_type", "client_credentials")
                .add("client_assertion_type", ASSERTION_TYPE)
                .add("client_assertion", assertion.create())
                .build();
        Request request = new Request.Builder().url(tokenEndpoint).post(form).build();
        try (Response response = http.newCall(request).execute()) {
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            if (response.code() >= 500) {
                throw new CrmUnavailableException("NetSuite token endpoint failed with HTTP " + response.code(),
                        ErrorDetails.http(providerId, response.code(), null, null));
            }
            if (!response.isSuccessful()) {
                String error = null;
                try {
                    error = json.readTree(text).path("error").asText(null);
                } catch (IOException notJson) {
                    // keep null
                }
                throw new CrmAuthenticationException("NetSuite rejected the M2M client assertion"
                        + (error == null ? "" : ": " + error), ErrorDetails.http(providerId, response.code(), error,
                        null));
            }
            TokenResponse token = json.readValue(text, TokenResponse.class);
            if (token.accessToken() == null) {
                throw new CrmAuthenticationException("NetSuite token response has no access_token",
                        ErrorDetails.http(providerId, response.code(), null, null));
            }
            Instant expiresAt = token.expiresIn() == null ? null
                    : clock.instant().plus(Duration.ofSeconds(Long.parseLong(token.expiresIn().trim())));
            return new AccessToken(token.accessToken(), expiresAt, Map.of());
        } catch (IOException e) {
            throw new CrmUnavailableException("NetSuite token endpoint unreachable: " + e.getMessage(),
                    ErrorDetails.of(providerId), e);
        }
    }

    @Override
    public String toString() {
        return "M2mTokenSource[" + tokenEndpoint + "]";
    }
}
