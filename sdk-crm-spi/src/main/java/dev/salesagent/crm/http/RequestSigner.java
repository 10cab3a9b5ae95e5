package dev.salesagent.crm.http;

import okhttp3.Request;

/**
 * Signs each outgoing request, e.g. OAuth 1.0a (NetSuite token-based authentication,
 * <a href="https://www.rfc-editor.org/rfc/rfc5849">RFC 5849</a>): computes nonce, timestamp and
 * signature over method, URL and query and returns the request with an {@code Authorization} header.
 * Called once per attempt, so every retry gets a fresh nonce. Must be thread-safe.
 */
@FunctionalInterface
public interface RequestSigner {

    /**
     * {@return the signed request (a new instance; OkHttp requests are immutable)}
     *
     * @param request the request about to be sent
     */
    Request sign(Request request);
}
