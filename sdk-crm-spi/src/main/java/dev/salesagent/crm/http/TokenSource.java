package dev.salesagent.crm.http;

/**
 * Obtains a new access token, e.g. from an OAuth2 token endpoint ({@link OAuth2TokenSource}) or a
 * vendor flow an adapter implements (Salesforce JWT bearer). {@link OAuth2TokenAuth} caches the
 * result and calls {@link #fetch()} only to refresh. Must be thread-safe.
 */
@FunctionalInterface
public interface TokenSource {

    /**
     * Fetches a fresh token.
     *
     * @return the new token; never {@code null}
     * @throws dev.salesagent.crm.CrmAuthenticationException if the credentials are rejected
     * @throws dev.salesagent.crm.CrmUnavailableException    if the token endpoint cannot be reached
     */
    AccessToken fetch();
}
