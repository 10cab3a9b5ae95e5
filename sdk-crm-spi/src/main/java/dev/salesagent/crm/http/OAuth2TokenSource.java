package dev.salesagent.crm.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salesagent.crm.CrmAuthenticationException;
import dev.salesagent.crm.CrmUnavailableException;
import dev.salesagent.crm.ErrorDetails;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Fetches tokens from an OAuth2 token endpoint with the client-credentials grant
 * (<a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.4">RFC 6749 §4.4</a>) or the
 * refresh-token grant (<a href="https://www.rfc-editor.org/rfc/rfc6749#section-6">§6</a>), parsing
 * the response of <a href="https://www.rfc-editor.org/rfc/rfc6749#section-5.1">§5.1</a>
 * ({@code access_token}, {@code expires_in} seconds; every other field goes to
 * {@link AccessToken#extras()}). A rotated {@code refresh_token} in a response is used for the next
 * refresh. Errors (<a href="https://www.rfc-editor.org/rfc/rfc6749#section-5.2">§5.2</a>): HTTP 400/401
 * raise {@link CrmAuthenticationException} with the {@code error} code as vendor code; 5xx and I/O
 * failures raise {@link CrmUnavailableException}. Thread-safe.
 */
public final class OAuth2TokenSource implements TokenSource {

    /** How the client authenticates to the token endpoint. */
    public enum ClientAuthentication {
        /** HTTP Basic with client id and secret ({@code client_secret_basic}, the RFC's recommendation). */
        BASIC,
        /** {@code client_id} and {@code client_secret} as form fields ({@code client_secret_post}). */
        FORM
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String providerId;
    private final String tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final String scope;
    private final ClientAuthentication clientAuthentication;
    private final Map<String, String> extraParameters;
    private final OkHttpClient http;
    private final Clock clock;
    private final boolean refreshGrant;
    private volatile String refreshToken;

    private OAuth2TokenSource(Builder b) {
        this.providerId = b.providerId;
        this.tokenUrl = b.tokenUrl;
        this.clientId = b.clientId;
        this.clientSecret = b.clientSecret;
        this.scope = b.scope;
        this.clientAuthentication = b.clientAuthentication;
        this.extraParameters = Map.copyOf(b.extraParameters);
        this.http = b.http != null ? b.http : new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(30)).build();
        this.clock = b.clock;
        this.refreshGrant = b.refreshToken != null;
        this.refreshToken = b.refreshToken;
    }

    /**
     * {@return a client-credentials source for {@code tokenUrl}}
     *
     * @param tokenUrl the token endpoint, e.g. {@code https://login.salesforce.com/services/oauth2/token}
     * @param clientId the OAuth2 client id
     * @param clientSecret the OAuth2 client secret; never logged
     */
    public static Builder clientCredentials(String tokenUrl, String clientId, String clientSecret) {
        return new Builder(tokenUrl, clientId, clientSecret, null);
    }

    /**
     * {@return a refresh-token source for {@code tokenUrl}, starting from {@code refreshToken}}
     *
     * @param tokenUrl the token endpoint, e.g. {@code https://api.hubapi.com/oauth/v1/token}
     * @param clientId the OAuth2 client id
     * @param clientSecret the OAuth2 client secret; never logged
     * @param refreshToken the first refresh token; a rotated one from a response replaces it
     * @throws NullPointerException if {@code refreshToken} is null
     */
    public static Builder refreshToken(String tokenUrl, String clientId, String clientSecret, String refreshToken) {
        return new Builder(tokenUrl, clientId, clientSecret, Objects.requireNonNull(refreshToken, "refreshToken"));
    }

    @Override
    public AccessToken fetch() {
        FormBody.Builder form = new FormBody.Builder();
        if (refreshGrant) {
            form.add("grant_type", "refresh_token").add("refresh_token", refreshToken);
        } else {
            form.add("grant_type", "client_credentials");
        }
        if (scope != null) {
            form.add("scope", scope);
        }
        Request.Builder request = new Request.Builder().url(tokenUrl).header("Accept", "application/json");
        if (clientAuthentication == ClientAuthentication.BASIC) {
            request.header("Authorization", Credentials.basic(clientId, clientSecret == null ? "" : clientSecret));
        } else {
            form.add("client_id", clientId);
            if (clientSecret != null) {
                form.add("client_secret", clientSecret);
            }
        }
        extraParameters.forEach(form::add);
        try (Response response = http.newCall(request.post(form.build()).build()).execute()) {
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            JsonNode json = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
            if (!response.isSuccessful()) {
                ErrorDetails details = ErrorDetails.http(providerId, response.code(), json.path("error").asText(null), null);
                String description = json.path("error_description").asText("token request failed");
                if (response.code() >= 500) {
                    throw new CrmUnavailableException("OAuth2 token endpoint failed: " + description, details);
                }
                throw new CrmAuthenticationException("OAuth2 token request rejected: " + description, details);
            }
            String value = json.path("access_token").asText(null);
            if (value == null) {
                throw new CrmAuthenticationException("OAuth2 token response has no access_token",
                        ErrorDetails.http(providerId, response.code(), null, null));
            }
            Instant expiresAt = json.hasNonNull("expires_in")
                    ? clock.instant().plusSeconds(json.get("expires_in").asLong()) : null;
            Map<String, String> extras = new LinkedHashMap<>();
            json.properties().forEach(e -> {
                if (!e.getKey().equals("access_token") && e.getValue().isValueNode()) {
                    extras.put(e.getKey(), e.getValue().asText());
                }
            });
            if (refreshGrant && extras.containsKey("refresh_token")) {
                refreshToken = extras.get("refresh_token");
            }
            return new AccessToken(value, expiresAt, extras);
        } catch (IOException e) {
            throw new CrmUnavailableException("OAuth2 token endpoint unreachable: " + e.getMessage(),
                    ErrorDetails.of(providerId), e);
        }
    }

    @Override
    public String toString() {
        return "OAuth2TokenSource[" + (refreshGrant ? "refresh_token" : "client_credentials") + " at " + tokenUrl + "]";
    }

    /** Builder of {@link OAuth2TokenSource}. */
    public static final class Builder {
        private final String tokenUrl;
        private final String clientId;
        private final String clientSecret;
        private final String refreshToken;
        private String providerId;
        private String scope;
        private ClientAuthentication clientAuthentication = ClientAuthentication.BASIC;
        private final Map<String, String> extraParameters = new LinkedHashMap<>();
        private OkHttpClient http;
        private Clock clock = Clock.systemUTC();

        private Builder(String tokenUrl, String clientId, String clientSecret, String refreshToken) {
            this.tokenUrl = Objects.requireNonNull(tokenUrl, "tokenUrl");
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            this.clientSecret = clientSecret;
            this.refreshToken = refreshToken;
        }

        /**
         * The provider id for exception details.
         *
         * @param providerId the provider id, e.g. {@code salesforce}
         * @return this builder
         */
        public Builder providerId(String providerId) { this.providerId = providerId; return this; }
        /**
         * Space-separated scopes, or {@code null} (default) to omit.
         *
         * @param scope the scopes, e.g. {@code "api refresh_token"}
         * @return this builder
         */
        public Builder scope(String scope) { this.scope = scope; return this; }
        /**
         * Default {@link ClientAuthentication#BASIC}.
         *
         * @param a how the client id and secret are sent to the token endpoint
         * @return this builder
         */
        public Builder clientAuthentication(ClientAuthentication a) { this.clientAuthentication = Objects.requireNonNull(a); return this; }
        /**
         * An extra form parameter (e.g. {@code audience}).
         *
         * @param name the form parameter name
         * @param value its value
         * @return this builder
         */
        public Builder parameter(String name, String value) { this.extraParameters.put(name, value); return this; }
        /**
         * The OkHttp client for token calls; default: own client with 10 s connect and 30 s read timeout.
         *
         * @param http the client, or {@code null} for an own one
         * @return this builder
         */
        public Builder httpClient(OkHttpClient http) { this.http = http; return this; }
        /**
         * Clock to compute {@link AccessToken#expiresAt()}; default UTC system clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) { this.clock = Objects.requireNonNull(clock); return this; }

        /** {@return a new {@link OAuth2TokenSource} from the values set} */
        public OAuth2TokenSource build() {
            return new OAuth2TokenSource(this);
        }
    }
}
