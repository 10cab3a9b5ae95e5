package dev.salesagent.crm.salesforce.internal.client;

import dev.salesagent.crm.CrmAuthenticationException;
import dev.salesagent.crm.ErrorDetails;
import dev.salesagent.crm.http.AuthStrategy;
import dev.salesagent.crm.http.CrmResponse;
import dev.salesagent.crm.http.OAuth2TokenAuth;
import java.util.Optional;
import okhttp3.Request;

/**
 * Salesforce sessions on the shared {@link OAuth2TokenAuth}: the cached session is dropped and fetched again once
 * when a call answers 401 (REST resources answer 401 only with {@code INVALID_SESSION_ID}: session timeout, logout or
 * revocation); a second 401 is final. Salesforce token responses carry no expiry, so there is no proactive refresh.
 * The instance URL is the token's {@code instance_url}.
 */
public final class SessionAuth implements AuthStrategy {

    private final String providerId;
    private final OAuth2TokenAuth tokens;

    public SessionAuth(String providerId, OAuth2TokenAuth tokens) {
        this.providerId = providerId;
        this.tokens = tokens;
    }

    @Override
    public Request authorize(Request request) {
        return tokens.authorize(request);
    }

    @Override
    public boolean refreshAfterUnauthorized(CrmResponse response) {
        return tokens.refreshAfterUnauthorized(response);
    }

    /**
     * The instance URL of the current session (fetching one if needed), without trailing slash.
     *
     * @throws CrmAuthenticationException if the token response has no {@code instance_url}
     */
    public String instanceUrl() {
        String url = Optional.ofNullable(tokens.currentToken().extras().get("instance_url"))
                .orElseThrow(() -> new CrmAuthenticationException("Salesforce token response has no instance_url",
                        ErrorDetails.of(providerId)));
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return "SessionAuth[" + tokens + "]";
    }
}
