package dev.salesagent.crm.hubspot.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesagent.crm.Account;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.hubspot.HubSpotConfig;
import dev.salesagent.crm.hubspot.HubSpotCrmClient;
import dev.salesagent.crm.hubspot.sim.HubSpotSimulator;
import dev.salesagent.crm.spi.CrmConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The contract schemas accept HubSpot's documented shapes and reject wrong ones; the simulator enforces them. */
class HubSpotContractTest {

    final HubSpotContract contract = new HubSpotContract();

    private List<String> post(String path, String body) {
        return contract.request("POST", path, List.of(), "application/json; charset=utf-8", body);
    }

    @Test
    @DisplayName("documented request bodies pass")
    void validBodies() {
        assertThat(post("/crm/v3/objects/contacts/batch/upsert",
                "{\"inputs\":[{\"id\":\"a@b.com\",\"idProperty\":\"email\",\"objectWriteTraceId\":\"0\",\"properties\":{\"firstname\":\"A\"}}]}"))
                .isEmpty();
        assertThat(post("/crm/v3/objects/companies/search", "{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"domain\","
                + "\"operator\":\"IN\",\"values\":[\"a.com\"]}]}],\"sorts\":[{\"propertyName\":\"hs_object_id\","
                + "\"direction\":\"ASCENDING\"}],\"properties\":[\"domain\"],\"limit\":200}")).isEmpty();
        assertThat(post("/crm/v3/objects/companies/batch/update", "{\"inputs\":[{\"id\":\"12\",\"properties\":{\"name\":\"A\"}}]}"))
                .isEmpty();
        assertThat(contract.request("POST", "/oauth/v1/token", List.of(), "application/x-www-form-urlencoded",
                "grant_type=refresh_token&client_id=c&client_secret=s&refresh_token=r")).isEmpty();
        assertThat(contract.request("GET", "/crm/v3/objects/contacts/a%40b.com", List.of("idProperty", "properties"), null, ""))
                .isEmpty();
    }

    @Test
    @DisplayName("wrong bodies, routes, query parameters and content types are rejected with the reason")
    void wrongBodies() {
        assertThat(post("/crm/v3/objects/contacts/batch/upsert", "{\"inputs\":[{\"id\":\"a@b.com\",\"properties\":{}}]}"))
                .singleElement().asString().contains("idProperty");
        assertThat(post("/crm/v3/objects/companies/search", "{\"limit\":201}")).singleElement().asString().contains("limit");
        assertThat(post("/crm/v3/objects/companies/search",
                "{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"domain\",\"operator\":\"IN\",\"value\":\"a.com\"}]}]}"))
                .isNotEmpty();
        assertThat(post("/crm/v3/objects/companies/search", "{\"sorts\":[\"-createdate\"]}")).isNotEmpty();
        assertThat(post("/crm/v3/objects/companies/batch/update",
                "{\"inputs\":[{\"id\":\"acme.com\",\"idProperty\":\"domain\",\"properties\":{}}]}")).hasSizeGreaterThanOrEqualTo(1);
        assertThat(post("/crm/v3/objects/deals", "{\"properties\":{\"amount\":12}}")).singleElement().asString().contains("amount");
        assertThat(post("/crm/v3/objects/tickets/batch/read", "{}")).singleElement().asString().contains("no documented");
        assertThat(contract.request("GET", "/crm/v3/objects/contacts/1", List.of("fields"), null, ""))
                .singleElement().asString().contains("'fields'");
        assertThat(contract.request("POST", "/crm/v3/objects/contacts/search", List.of(), "text/plain", "{}"))
                .singleElement().asString().contains("Content-Type");
        assertThat(contract.request("POST", "/oauth/v1/token", List.of(), "application/x-www-form-urlencoded",
                "grant_type=refresh_token&client_id=c&refresh_token=r")).singleElement().asString().contains("client_secret");
    }

    @Test
    @DisplayName("response shapes: the fields the adapter reads are required")
    void responses() {
        assertThat(contract.response("POST", "/crm/v3/objects/companies/batch/create", 201,
                "{\"status\":\"COMPLETE\",\"results\":[{\"id\":\"1\",\"properties\":{},\"createdAt\":\"2026-01-01T00:00:00Z\","
                        + "\"updatedAt\":\"2026-01-01T00:00:00Z\"}],\"startedAt\":\"2026-01-01T00:00:00Z\","
                        + "\"completedAt\":\"2026-01-01T00:00:00Z\"}")).isEmpty();
        assertThat(contract.response("POST", "/crm/v3/objects/companies/batch/create", 201,
                "{\"status\":\"COMPLETE\",\"results\":[{\"properties\":{}}]}")).isNotEmpty();
        assertThat(contract.response("POST", "/oauth/v1/token", 200, "{\"access_token\":\"a\"}")).isNotEmpty();
    }

    @Test
    @DisplayName("a simulator enforcing the contract answers a wrong request 400 and records it; every adapter request is checked")
    void simulatorEnforces() throws Exception {
        HubSpotSimulator sim = HubSpotSimulator.launch().acceptToken("t").enforce(contract);
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(sim.baseUrl() + "/crm/v3/objects/companies/search"))
                    .header("Authorization", "Bearer t").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"sorts\":[\"createdate\"]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("VALIDATION_ERROR").contains("documented contract");
            assertThat(sim.contractViolations()).singleElement().asString().contains("search-request");

            long before = contract.requestsChecked();
            try (HubSpotCrmClient client = HubSpotCrmClient.create(CrmConfig.of(Map.of("baseUrl", sim.baseUrl(), "accessToken", "t")))) {
                client.accounts().upsert(Account.builder().domain("acme.com").name("Acme").build());
                client.contacts().upsert(Contact.builder().email("a@acme.com").accountDomain("acme.com").build());
                client.contacts().findByEmail("a@acme.com");
            }
            int served = sim.server().getAllServeEvents().size();
            // 1 raw request above + the adapter's; each one was checked by the listener and again by the simulator
            assertThat(contract.requestsChecked() - before).isEqualTo(2L * (served - 1));
            assertThat(sim.contractViolations()).hasSize(1);
        } finally {
            sim.stop();
        }
    }

    @Test
    @DisplayName("every schema cites the spec file and version it follows")
    void schemasCiteTheirSource() {
        for (String name : List.of("batch-upsert-request", "batch-create-request", "batch-update-request", "batch-read-request",
                "search-request", "object-create-request", "object-update-request", "associations-batch-read-request",
                "associations-default-request", "oauth-token-request", "object-response", "batch-response",
                "collection-response", "error-response", "pipelines-response", "associations-response", "oauth-token-response")) {
            String comment = contract.schema(name).getSchemaNode().path("$comment").asText();
            assertThat(comment).as(name).contains("HubSpot/HubSpot-public-api-spec-collection").contains("PublicApiSpecs/")
                    .containsPattern("info\\.version v[0-9]");
        }
    }
}
