package dev.salesagent.crm.hubspot.internal.client;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.salesagent.crm.http.CrmHttpClient;
import dev.salesagent.crm.http.CrmRequest;
import java.util.Map;

/** {@link HubSpotTransport} over the shared {@link CrmHttpClient}, after the client-side daily quota check. */
public final class CrmHttpTransport implements HubSpotTransport {

    private final CrmHttpClient http;
    private final DailyQuota quota;

    public CrmHttpTransport(CrmHttpClient http, DailyQuota quota) {
        this.http = http;
        this.quota = quota;
    }

    @Override
    public <T> T call(String method, String path, Map<String, String> query, Object body, String operation,
            boolean idempotent, TypeReference<T> type) {
        quota.acquire();
        CrmRequest.Builder b = CrmRequest.builder(method, path).operation(operation).idempotent(idempotent);
        query.forEach(b::query);
        if (body != null) {
            b.jsonBody(body);
        }
        return http.execute(b.build(), type);
    }

    @Override
    public void send(String method, String path, Object body, String operation, boolean idempotent) {
        quota.acquire();
        CrmRequest.Builder b = CrmRequest.builder(method, path).operation(operation).idempotent(idempotent);
        if (body != null) {
            b.jsonBody(body);
        }
        http.execute(b.build());
    }

    @Override
    public void close() {
        http.close();
    }
}
