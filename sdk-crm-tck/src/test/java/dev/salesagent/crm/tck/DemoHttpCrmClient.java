package dev.salesagent.crm.tck;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salesagent.crm.spi.AbstractCrmClient;
import dev.salesagent.crm.BatchItemResult;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.ContactOperations;
import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.CrmNotFoundException;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.ErrorDetails;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.UpsertResult;
import dev.salesagent.crm.http.CrmHttpClient;
import dev.salesagent.crm.http.CrmRequest;
import dev.salesagent.crm.http.CrmResponse;
import dev.salesagent.crm.http.OAuth2TokenAuth;
import dev.salesagent.crm.http.OAuth2TokenSource;
import dev.salesagent.common.retry.Sleeper;
import dev.salesagent.crm.http.VendorErrorMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A contacts-only HTTP adapter for the {@link DemoSimulator}, written the way vendor adapters are:
 * {@link AbstractCrmClient} plus the shared {@link CrmHttpClient} (OAuth2 client credentials, the
 * default retry policy, a vendor error mapper reading field errors).
 */
final class DemoHttpCrmClient extends AbstractCrmClient {

    static final String ID = "demo";
    static final int MAX_BATCH = 50;

    private final CrmHttpClient http;

    private DemoHttpCrmClient(CrmHttpClient http) {
        super(ID, Operations.builder().contacts(new Contacts(http)).build());
        this.http = http;
    }

    static DemoHttpCrmClient create(String baseUrl, Sleeper sleeper) {
        OAuth2TokenSource tokens = OAuth2TokenSource.clientCredentials(baseUrl + "/oauth/token", "demo-client",
                "demo-secret").providerId(ID).build();
        CrmHttpClient http = CrmHttpClient.builder(ID).baseUrl(baseUrl)
                .auth(new OAuth2TokenAuth(tokens, Clock.systemUTC(), Duration.ofSeconds(60)))
                .errorMapper(DemoHttpCrmClient::mapError)
                .sleeper(sleeper)
                .build();
        return new DemoHttpCrmClient(http);
    }

    @Override
    protected void doClose() {
        http.close();
    }

    static CrmException mapError(CrmResponse response) {
        JsonNode body = response.isSuccessful() ? null : safeJson(response);
        return fromErrorNode(response, body);
    }

    private static JsonNode safeJson(CrmResponse response) {
        try {
            return response.json();
        } catch (CrmException notJson) {
            return null;
        }
    }

    private static CrmException fromErrorNode(CrmResponse response, JsonNode body) {
        List<CrmValidationException.FieldError> fields = new ArrayList<>();
        if (body != null) {
            body.path("fieldErrors").forEach(f -> fields.add(new CrmValidationException.FieldError(
                    f.path("field").asText(null), f.path("code").asText("INVALID"), f.path("message").asText(""))));
        }
        return VendorErrorMapper.toException(response, body == null ? null : body.path("message").asText(null),
                body == null ? null : body.path("errorCode").asText(null), fields);
    }

    private static Contact fromJson(JsonNode n) {
        return Contact.builder().id(CrmId.of(ID, n.path("id").asText())).email(n.path("email").asText(null))
                .firstName(n.path("firstName").asText(null)).lastName(n.path("lastName").asText(null))
                .title(n.path("title").asText(null)).phone(n.path("phone").asText(null))
                .createdAt(Instant.parse(n.path("createdAt").asText()))
                .updatedAt(Instant.parse(n.path("updatedAt").asText())).build();
    }

    private static Map<String, Object> toJson(Contact c) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("email", c.email());
        m.put("firstName", c.firstName());
        m.put("lastName", c.lastName());
        m.put("title", c.title());
        m.put("phone", c.phone());
        return m;
    }

    private static final class Contacts implements ContactOperations {
        private final CrmHttpClient http;

        Contacts(CrmHttpClient http) {
            this.http = http;
        }

        @Override
        public UpsertResult<Contact> upsert(Contact contact) {
            JsonNode r = http.execute(CrmRequest.post("/api/contacts/upsert").jsonBody(toJson(contact))
                    .idempotent(true).operation("contacts.upsert").build()).json();
            return new UpsertResult<>(fromJson(r.path("contact")), r.path("created").asBoolean());
        }

        @Override
        public List<BatchItemResult<Contact>> upsertAll(List<Contact> contacts) {
            List<BatchItemResult<Contact>> out = new ArrayList<>(contacts.size());
            for (int from = 0; from < contacts.size(); from += MAX_BATCH) {
                List<Contact> chunk = contacts.subList(from, Math.min(from + MAX_BATCH, contacts.size()));
                CrmResponse response = http.execute(CrmRequest.post("/api/contacts/batch")
                        .jsonBody(chunk.stream().map(DemoHttpCrmClient::toJson).toList())
                        .idempotent(true).operation("contacts.upsertAll").build());
                int i = from;
                for (JsonNode r : response.json().path("results")) {
                    if (r.has("error")) {
                        out.add(BatchItemResult.failure(i, fromErrorNode(CrmResponse.of(ID, 400, response.headers(),
                                r.get("error").toString(), response.receivedAt()), r.get("error"))));
                    } else {
                        out.add(BatchItemResult.success(i, new UpsertResult<>(fromJson(r.path("contact")),
                                r.path("created").asBoolean())));
                    }
                    i++;
                }
            }
            return out;
        }

        @Override
        public int maxBatchSize() {
            return MAX_BATCH;
        }

        @Override
        public Optional<Contact> findByEmail(String email) {
            try {
                return Optional.of(fromJson(http.execute(CrmRequest.get("/api/contacts/by-email").query("email", email)
                        .operation("contacts.findByEmail").build()).json()));
            } catch (CrmNotFoundException none) {
                return Optional.empty();
            }
        }

        @Override
        public Contact get(String id) {
            return fromJson(http.execute(CrmRequest.get("/api/contacts/" + id).operation("contacts.get").build()).json());
        }

        @Override
        public Page<Contact> changedSince(Instant since, PageRequest page) {
            JsonNode r = http.execute(CrmRequest.get("/api/contacts/changed").query("since", since)
                    .query("cursor", page.cursor()).query("size", page.size()).operation("contacts.changedSince")
                    .build()).json();
            List<Contact> items = new ArrayList<>();
            r.path("items").forEach(n -> items.add(fromJson(n)));
            return new Page<>(items, r.path("next").asText(null));
        }
    }

}
