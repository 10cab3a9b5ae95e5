package dev.salesagent.crm.zoho;

import dev.salesagent.crm.http.AccessToken;
import dev.salesagent.crm.http.AuthStrategy;
import dev.salesagent.crm.http.CrmResponse;
import dev.salesagent.crm.http.TokenSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import okhttp3.Request;

/**
 * Zoho's OAuth header, {@code Authorization: Zoho-oauthtoken <access token>}
 * (<a href="https://www.zoho.com/crm/developer/docs/api/v8/oauth-overview.html">docs</a>), over a cached token
 * from {@code /oauth/v2/token} with {@code grant_type=refresh_token}: fetched on first use, refreshed 60 s before
 * {@code expires_in} runs out and once after a 401 ({@code INVALID_TOKEN}). The shared {@code OAuth2TokenAuth} always
 * sends {@code Bearer}, which Zoho does not document, hence this small strategy. Thread-safe.
 */
final class ZohoAuth implements AuthStrategy {

    static final String PREFIX = "Zoho-oauthtoken ";
    private static final Duration SKEW = Duration.ofSeconds(60);

    private final TokenSource source;
    private final Clock clock;
    private AccessToken token;

    ZohoAuth(TokenSource source, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    synchronized AccessToken current() {
        if (token == null || token.expiresWithin(SKEW, clock.instant())) {
            token = Objects.requireNonNull(source.fetch(), "token source returned null");
        }
        return token;
    }

    @Override
    public Request authorize(Request request) {
        return request.newBuilder().header("Authorization", PREFIX + current().value()).build();
    }

    /** Drops the cached token if the rejected request carried it (another thread may have refreshed already). */
    @Override
    public synchronized boolean refreshAfterUnauthorized(CrmResponse response) {
        String sent = response.requestHeader("Authorization");
        if (token != null && (sent == null || sent.equals(PREFIX + token.value()))) {
            token = null;
        }
        return true;
    }

    @Override
    public String toString() {
        return "ZohoAuth[" + source + "]";
    }
}
