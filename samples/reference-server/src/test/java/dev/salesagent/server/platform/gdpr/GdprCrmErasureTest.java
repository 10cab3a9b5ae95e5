package dev.salesagent.server.platform.gdpr;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.hubspot.HubSpotConfig;
import dev.salesagent.crm.hubspot.HubSpotCrmClient;
import dev.salesagent.crm.spi.AbstractCrmClient;
import dev.salesagent.crm.spi.CrmConfig;
import dev.salesagent.server.platform.PlatformTestSupport;
import dev.salesagent.server.platform.audit.AuditTrail;
import dev.salesagent.server.platform.crm.InMemoryTenantCrmClients;
import dev.salesagent.server.platform.crm.TenantCrmClients;
import dev.salesagent.server.platform.security.CurrentUser;
import dev.salesagent.server.platform.security.PlatformAuthentication;
import dev.salesagent.server.platform.security.Role;
import dev.salesagent.server.platform.security.RolePermissions;
import dev.salesagent.server.platform.user.UserStore;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/** GDPR erasure propagates to the tenant's CRM: the memory CRM, a WireMock HubSpot, and a failing CRM. */
class GdprCrmErasureTest extends PlatformTestSupport {

    @Autowired InMemoryTenantCrmClients memoryCrms;
    @Autowired UserStore users;
    @Autowired AuditTrail audit;
    @Autowired Clock clock;
    @Autowired ConsentService consents;
    @Autowired PlatformTransactionManager transactions;
    @Autowired JsonMapper json;

    WireMockServer hubspot;

    @BeforeEach
    void startHubSpot() {
        hubspot = new WireMockServer(options().dynamicPort());
        hubspot.start();
    }

    @AfterEach
    void stopHubSpot() {
        hubspot.stop();
        SecurityContextHolder.clearContext();
    }

    @Test
    @DisplayName("erasing a contact (no user) deletes it in the tenant's memory CRM and deletes its consent records")
    void memoryCrmContactIsDeleted() throws Exception {
        Session owner = register("Gdpr Crm Memory");
        String person = email("lead");
        memoryCrms.memory(owner.tenantId()).contacts().upsert(Contact.builder().email(person).lastName("Lead").build());
        String other = email("other");
        memoryCrms.memory(owner.tenantId()).contacts().upsert(Contact.builder().email(other).lastName("Kept").build());
        mvc.perform(owner.auth(MockMvcRequestBuilders.put("/api/v1/consents/" + person))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"purposes\":{\"email_marketing\":true},\"source\":\"web_form\"}"))
                .andExpect(status().isOk());

        mvc.perform(owner.auth(MockMvcRequestBuilders.post("/api/v1/admin/gdpr/erase"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"email\":\"" + person.toUpperCase() + "\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("erased"))
                .andExpect(jsonPath("$.crm_propagation").value("deleted"))
                .andExpect(jsonPath("$.outcomes.platform_user").value("none"))
                .andExpect(jsonPath("$.outcomes.consents").value(1))
                .andExpect(jsonPath("$.outcomes.crm.provider").value("memory"));

        assertThat(memoryCrms.memory(owner.tenantId()).contacts().findByEmail(person)).isEmpty();
        assertThat(memoryCrms.memory(owner.tenantId()).contacts().findByEmail(other)).isPresent();
        assertThat(consents.allows(owner.tenantId(), person, ConsentPurpose.EMAIL_MARKETING)).isFalse();
        assertThat(consents.history(owner.tenantId(), person)).isEmpty();
        mvc.perform(owner.auth(MockMvcRequestBuilders.get("/api/v1/admin/gdpr/requests")))
                .andExpect(jsonPath("$[0].kind").value("erasure"))
                .andExpect(jsonPath("$[0].status").value("erased"))
                .andExpect(jsonPath("$[0].outcomes.crm.result").value("deleted"));
        // nothing is held any more: a second erasure is 404 and records nothing
        mvc.perform(owner.auth(MockMvcRequestBuilders.post("/api/v1/admin/gdpr/erase"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"email\":\"" + person + "\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(owner.auth(MockMvcRequestBuilders.get("/api/v1/admin/audit/verify")))
                .andExpect(jsonPath("$.valid").value(true));
    }

    @Test
    @DisplayName("erasing a user also deletes their contact in a HubSpot CRM: one GDPR delete request")
    void hubSpotGdprDeleteSentOnce() throws Exception {
        Session owner = register("Gdpr Crm HubSpot");
        Session rep = createUser(owner, "sales_rep");
        stubContact(rep.email(), "501");
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/contacts/gdpr-delete")).willReturn(aResponse().withStatus(204)));

        Map<String, Object> result = requestsWith(hubspotCrm()).erase(signIn(owner), rep.email());

        assertThat(result).containsEntry("status", "erased").containsEntry("crm_propagation", "deleted")
                .containsEntry("user_id", rep.userId());
        hubspot.verify(1, postRequestedFor(urlEqualTo("/crm/v3/objects/contacts/gdpr-delete"))
                .withRequestBody(equalToJson("{\"objectId\":\"501\"}")));
        assertThat(jdbc.sql("select email from app_user where id = ?").param(rep.userId()).query(String.class).single())
                .startsWith("erased-");
    }

    @Test
    @DisplayName("a failed CRM call leaves the request incomplete with the reason, and re-submitting retries the CRM")
    void crmFailureIsRecordedAndRetriedByResubmitting() throws Exception {
        Session owner = register("Gdpr Crm Failure");
        Session rep = createUser(owner, "sales_rep");
        stubContact(rep.email(), "777");
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/contacts/gdpr-delete")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"error\",\"message\":\"This app hasn't been granted all required scopes\","
                        + "\"correlationId\":\"c0ffee00-0000-4000-8000-000000000001\",\"category\":\"MISSING_SCOPES\"}")));
        DataSubjectRequests requests = requestsWith(hubspotCrm());
        CurrentUser actor = signIn(owner);

        Map<String, Object> failed = requests.erase(actor, rep.email());

        assertThat(failed).containsEntry("status", "incomplete").containsEntry("crm_propagation", "failed");
        @SuppressWarnings("unchecked")
        Map<String, Object> crm = (Map<String, Object>) ((Map<String, Object>) failed.get("outcomes")).get("crm");
        assertThat((String) crm.get("reason")).contains("CrmPermissionException", "HTTP 403", "MISSING_SCOPES")
                .doesNotContain(rep.email());
        String row = jdbc.sql("select status || ' ' || crm_propagation || ' ' || outcomes from gdpr_request where id = ?")
                .param(failed.get("request_id")).query(String.class).single();
        assertThat(row).startsWith("incomplete failed ").contains("HTTP 403").doesNotContain(rep.email());
        assertThat(jdbc.sql("select status from app_user where id = ?").param(rep.userId()).query(String.class).single())
                .as("the local erasure stands").isEqualTo("disabled");

        // the CRM recovers; the admin re-submits: the local part is done, the CRM deletion now succeeds
        hubspot.stubFor(post(urlEqualTo("/crm/v3/objects/contacts/gdpr-delete")).willReturn(aResponse().withStatus(204)));
        Map<String, Object> retried = requests.erase(actor, rep.email());
        assertThat(retried).containsEntry("status", "erased").containsEntry("crm_propagation", "deleted");
        hubspot.verify(2, postRequestedFor(urlEqualTo("/crm/v3/objects/contacts/gdpr-delete")));
    }

    @Test
    @DisplayName("a CRM without contact deletion is recorded as unsupported, and the local erasure completes")
    void unsupportedCrm() throws Exception {
        Session owner = register("Gdpr Crm Unsupported");
        Session rep = createUser(owner, "sales_rep");
        CrmClient withoutDelete = new AbstractCrmClient("legacy", AbstractCrmClient.Operations.builder().build()) {
        }; // declares no capability, so neither CONTACTS nor CONTACT_DELETE
        Map<String, Object> result = requestsWith(withoutDelete).erase(signIn(owner), rep.email());
        assertThat(result).containsEntry("status", "erased").containsEntry("crm_propagation", "unsupported");
    }

    private void stubContact(String email, String id) {
        hubspot.stubFor(get(urlPathEqualTo("/crm/v3/objects/contacts/" + email.replace("@", "%40")))
                .withQueryParam("idProperty", equalTo("email"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"" + id + "\",\"properties\":{\"email\":\"" + email + "\"},"
                                + "\"createdAt\":\"2026-01-05T10:00:00Z\",\"updatedAt\":\"2026-01-05T10:00:00Z\","
                                + "\"archived\":false}")));
    }

    private CrmClient hubspotCrm() {
        return HubSpotCrmClient.builder(HubSpotConfig.from(CrmConfig.of(Map.of("baseUrl", hubspot.baseUrl(),
                "accessToken", "pat-na1-test", "maxAttempts", "1")))).build();
    }

    private DataSubjectRequests requestsWith(CrmClient crm) {
        TenantCrmClients clients = new TenantCrmClients() {
            @Override
            public CrmClient forTenant(UUID tenantId) {
                return crm;
            }

            @Override
            public void evict(UUID tenantId) {
            }
        };
        return new DataSubjectRequests(jdbc, users, audit, clock, consents, new CrmErasure(clients), transactions, json);
    }

    private static CurrentUser actorOf(Session owner) {
        return new CurrentUser(owner.userId(), owner.tenantId(), "t", false, owner.email(), Set.of(Role.OWNER),
                RolePermissions.of(Role.OWNER), null);
    }

    /** Signs the owner in on this thread (the service audits as the signed-in user). */
    private static CurrentUser signIn(Session owner) {
        CurrentUser actor = actorOf(owner);
        Jwt token = Jwt.withTokenValue(owner.accessToken()).header("alg", "none").subject(owner.userId().toString())
                .build();
        SecurityContextHolder.getContext().setAuthentication(new PlatformAuthentication(actor, token));
        return actor;
    }
}
