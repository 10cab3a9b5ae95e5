package dev.salesagent.server.workspace.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.salesagent.server.platform.PlatformTestSupport;
import dev.salesagent.server.platform.crm.TenantCrmClients;
import dev.salesagent.server.platform.crm.InMemoryTenantCrmClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

/** The tenant's CRM connection against a HubSpot API served by WireMock (HubSpot's documented error shapes). */
class CrmConnectionTest extends PlatformTestSupport {

    @Autowired
    TenantCrmClients clients;

    @Autowired
    InMemoryTenantCrmClients memory;

    WireMockServer hubspot;

    @BeforeEach
    void startHubSpot() {
        hubspot = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        hubspot.start();
    }

    @AfterEach
    void stopHubSpot() {
        hubspot.stop();
    }

    private void answer(int status, String body) {
        hubspot.resetAll();
        hubspot.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    @DisplayName("memory by default; a HubSpot connection is validated, stored encrypted, shown masked and tested")
    void hubspotConnection() throws Exception {
        Session owner = register("Crm Connection");
        mvc.perform(owner.auth(get("/api/v1/integrations/crm"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.provider").value("memory")).andExpect(jsonPath("$.configured").value(false));
        assertThat(clients.forTenant(owner.tenantId())).isSameAs(memory.memory(owner.tenantId()));

        mvc.perform(owner.auth(put("/api/v1/integrations/crm")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"provider\":\"hubspot\",\"config\":{}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("accessToken")));
        mvc.perform(owner.auth(put("/api/v1/integrations/crm")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"provider\":\"dynamics\",\"config\":{}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("hubspot")));

        String token = "pat-na1-11111111-2222-3333-4444-555555555555";
        mvc.perform(owner.auth(put("/api/v1/integrations/crm")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"provider\":\"hubspot\",\"config\":{\"accessToken\":\"" + token + "\",\"baseUrl\":\""
                                + hubspot.baseUrl() + "\",\"maxAttempts\":\"1\"}}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.provider").value("hubspot"))
                .andExpect(jsonPath("$.config.accessToken").value("****5555"))
                .andExpect(jsonPath("$.config.baseUrl").value(hubspot.baseUrl()));
        MvcResult shown = mvc.perform(owner.auth(get("/api/v1/integrations/crm"))).andExpect(status().isOk())
                .andReturn();
        assertThat(shown.getResponse().getContentAsString()).doesNotContain(token);
        byte[] stored = jdbc.sql("select ciphertext from tenant_secret where tenant_id = ? and name = ?")
                .params(owner.tenantId(), CrmConnections.SECRET).query(byte[].class).single();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(token);
        assertThat(clients.forTenant(owner.tenantId()).providerId()).isEqualTo("hubspot");

        // a cheap real call: a contact look-up HubSpot answers 404 for
        answer(404, "{\"status\":\"error\",\"message\":\"resource not found\",\"category\":\"OBJECT_NOT_FOUND\","
                + "\"correlationId\":\"5b7e1f0c-6a4e-4b9c-9d7e-1f2a3b4c5d6e\"}");
        mvc.perform(owner.auth(post("/api/v1/integrations/crm/test"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.ok").value(true)).andExpect(jsonPath("$.provider").value("hubspot"));
        assertThat(hubspot.getAllServeEvents()).isNotEmpty();
        assertThat(hubspot.getAllServeEvents().get(0).getRequest().getHeader("Authorization"))
                .isEqualTo("Bearer " + token);

        answer(401, "{\"status\":\"error\",\"message\":\"Authentication credentials not found.\","
                + "\"category\":\"INVALID_AUTHENTICATION\",\"correlationId\":\"0d4a7c1e-2b3f-4c5d-8e9f-0a1b2c3d4e5f\"}");
        mvc.perform(owner.auth(post("/api/v1/integrations/crm/test"))).andExpect(status().is(422))
                .andExpect(jsonPath("$.type").value("urn:salesagent:problem:crm-credentials-refused"));

        answer(429, "{\"status\":\"error\",\"message\":\"You have reached your secondly limit.\","
                + "\"errorType\":\"RATE_LIMIT\",\"category\":\"RATE_LIMITS\",\"policyName\":\"SECONDLY\","
                + "\"correlationId\":\"9c8b7a6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d\"}");
        mvc.perform(owner.auth(post("/api/v1/integrations/crm/test"))).andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.type").value("urn:salesagent:problem:crm-rate-limited"));

        // back to memory
        mvc.perform(owner.auth(put("/api/v1/integrations/crm")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"provider\":\"memory\"}")).andExpect(status().isOk())
                .andExpect(jsonPath("$.provider").value("memory"));
        assertThat(clients.forTenant(owner.tenantId())).isSameAs(memory.memory(owner.tenantId()));

        Session rep = createUser(owner, "sales_rep");
        mvc.perform(rep.auth(get("/api/v1/integrations/crm"))).andExpect(status().isForbidden());
    }
}
