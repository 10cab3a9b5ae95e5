package dev.salesagent.crm.close.internal;

import dev.salesagent.crm.http.AuthStrategy;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import okhttp3.Request;

/**
 * Close's API-key authentication: {@code Authorization: Basic base64(apiKey + ":")}, the key as the user name and an
 * empty password (<a href="https://developer.close.com/api/overview/api-key-authentication">Authentication with API
 * keys</a>). A static key cannot be refreshed, so a 401 is final.
 */
public final class CloseApiKeyAuth implements AuthStrategy {

    private final String header;

    /** @param apiKey the Close API key */
    public CloseApiKeyAuth(String apiKey) {
        Objects.requireNonNull(apiKey, "apiKey");
        this.header = "Basic " + Base64.getEncoder().encodeToString((apiKey + ":").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Request authorize(Request request) {
        return request.newBuilder().header("Authorization", header).build();
    }

    @Override
    public String toString() {
        return "CloseApiKeyAuth(****)";
    }
}
