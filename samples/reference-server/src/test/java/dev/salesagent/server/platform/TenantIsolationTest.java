package dev.salesagent.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** OWASP API1 (BOLA): a tenant's owner walks every endpoint with the other tenant's ids and filters. */
class TenantIsolationTest extends PlatformTestSupport {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Test
    @DisplayName("every endpoint with an id in its path is walked with another tenant's id and answers 404")
    void everyIdEndpointAnswers404ForOtherTenantsIds() throws Exception {
        Session a = register("Isolation A");
        Session b = register("Isolation B");
        Session bRep = createUser(b, "sales_rep");
        String bEmailBefore = bRep.email();

        List<String> walked = new ArrayList<>();
        List<String> leaks = new ArrayList<>();
        for (Endpoints.Endpoint e : Endpoints.ALL) {
            if (!e.path().contains("{id}") || Endpoints.CROSS_TENANT_BY_DESIGN.contains(e.key())) {
                continue;
            }
            MockHttpServletRequestBuilder call = a.auth(request(e.method(), e.path().replace("{id}",
                    bRep.userId().toString())));
            if (e.body() != null) {
                call.contentType(MediaType.APPLICATION_JSON).content(e.body().replace("%EMAIL%", email("x")));
            }
            MvcResult result = mvc.perform(call).andReturn();
            walked.add(e.key());
            String body = result.getResponse().getContentAsString();
            if (result.getResponse().getStatus() != 404 || body.contains(bEmailBefore)) {
                leaks.add(e.key() + " -> " + result.getResponse().getStatus() + " " + body);
            }
        }
        assertThat(leaks).isEmpty();
        // every id endpoint of the application was walked or is cross-tenant by design
        List<String> idEndpoints = Endpoints.mapped(mapping).stream().filter(k -> k.contains("{"))
                .filter(k -> !Endpoints.CROSS_TENANT_BY_DESIGN.contains(k))
                .filter(k -> !Endpoints.TENANT_SCOPED_NAMES.contains(k))
                .filter(k -> !Endpoints.ISOLATION_TESTED_ELSEWHERE.contains(k)).toList();
        assertThat(walked).containsExactlyInAnyOrderElementsOf(idEndpoints);
        // and B's user is untouched
        mvc.perform(bRep.auth(get("/api/v1/me"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.email").value(bEmailBefore));
        String name = jdbc.sql("select coalesce(display_name, '') from app_user where id = ?").param(bRep.userId())
                .query(String.class).single();
        assertThat(name).isNotEqualTo("Changed");
    }

    @Test
    @DisplayName("lists, filters and the audit trail never show another tenant's rows")
    void listsAndFiltersStayInTenant() throws Exception {
        Session a = register("Filter A");
        Session b = register("Filter B");
        Session bRep = createUser(b, "sales_rep");

        MvcResult users = mvc.perform(a.auth(get("/api/v1/users").param("limit", "100"))).andExpect(status().isOk())
                .andReturn();
        assertThat(users.getResponse().getContentAsString()).doesNotContain(b.email()).doesNotContain(bRep.email())
                .contains(a.email());
        mvc.perform(a.auth(get("/api/v1/users").param("q", bRep.email()))).andExpect(status().isOk())
                .andExpect(jsonPath("$.items").isEmpty());
        MvcResult audit = mvc.perform(a.auth(get("/api/v1/admin/audit").param("limit", "100")))
                .andExpect(status().isOk()).andReturn();
        assertThat(audit.getResponse().getContentAsString()).doesNotContain(b.tenantId().toString())
                .doesNotContain(bRep.userId().toString());
        mvc.perform(a.auth(get("/api/v1/admin/audit").param("target_id", bRep.userId().toString())))
                .andExpect(status().isOk()).andExpect(jsonPath("$.items").isEmpty());
        mvc.perform(a.auth(get("/api/v1/tenant"))).andExpect(jsonPath("$.id").value(a.tenantId().toString()));
    }
}
