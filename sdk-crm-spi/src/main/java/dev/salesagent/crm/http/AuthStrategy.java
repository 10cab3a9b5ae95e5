package dev.salesagent.crm.http;

import java.util.Objects;
import okhttp3.Request;

/**
 * How {@link CrmHttpClient} authenticates each attempt. Implementations are thread-safe.
 *
 * @see OAuth2TokenAuth
 */
public interface AuthStrategy {

    /**
     * Adds credentials to the request; called before every attempt (including retries).
     *
     * @param request the request about to be sent
     * @return the request with credentials (a new instance; OkHttp requests are immutable)
     * @throws dev.salesagent.crm.CrmAuthenticationException if credentials cannot be obtained
     */
    Request authorize(Request request);

    /**
     * Called when a response is HTTP 401. Returning {@code true} makes the client repeat the request
     * once with freshly {@linkplain #authorize authorized} credentials; a second 401 then fails with
     * {@link dev.salesagent.crm.CrmAuthenticationException}. Default: {@code false} (static credentials
     * cannot be refreshed).
     *
     * @param response the 401 response
     * @return {@code true} to repeat the request once with refreshed credentials
     */
    default boolean refreshAfterUnauthorized(CrmResponse response) {
        return false;
    }

    /** {@return a strategy that adds no authentication (public endpoints, tests)} */
    static AuthStrategy none() {
        return request -> request;
    }

    /**
     * A static token sent as {@code Authorization: Bearer <token>} (HubSpot private app tokens,
     * <a href="https://developers.hubspot.com/docs/api/private-apps">docs</a>).
     *
     * @param token the token value, sent as is; never logged
     * @return the strategy
     * @throws NullPointerException if {@code token} is null
     */
    static AuthStrategy bearer(String token) {
        Objects.requireNonNull(token, "token");
        String header = "Bearer " + token;
        return new AuthStrategy() {
            @Override
            public Request authorize(Request request) {
                return request.newBuilder().header("Authorization", header).build();
            }

            @Override
            public String toString() {
                return "AuthStrategy.bearer(****)";
            }
        };
    }

    /**
     * Every attempt is passed through {@code signer} (e.g. OAuth 1.0a), so each retry is signed afresh.
     *
     * @param signer signs one request (adds its authorization header)
     * @return the strategy
     * @throws NullPointerException if {@code signer} is null
     */
    static AuthStrategy signing(RequestSigner signer) {
        Objects.requireNonNull(signer, "signer");
        return signer::sign;
    }
}
