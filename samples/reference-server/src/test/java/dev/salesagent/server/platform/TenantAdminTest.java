package dev.salesagent.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

class TenantAdminTest extends PlatformTestSupport {

    @Test
    @DisplayName("a platform admin creates a tenant whose owner signs in with the password shown once")
    void createTenant() throws Exception {
        Session operator = platformAdmin();
        String owner = email("new-owner");
        MvcResult created = mvc.perform(operator.auth(post("/api/v1/platform/tenants"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Acme Widgets\",\"owner_email\":\"" + owner + "\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.tenant.tier").value("customer"))
                .andExpect(jsonPath("$.tenant.status").value("active"))
                .andExpect(jsonPath("$.tenant.slug").value(org.hamcrest.Matchers.startsWith("acme-widgets")))
                .andReturn();
        String password = read(created, "$.owner_initial_password");
        Session session = login(owner, password);
        mvc.perform(session.auth(get("/api/v1/me"))).andExpect(jsonPath("$.roles[0]").value("owner"));
        String id = read(created, "$.tenant.id");
        mvc.perform(operator.auth(get("/api/v1/platform/tenants/" + id))).andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Acme Widgets"));
    }

    @Test
    @DisplayName("suspending a tenant answers 403 to its users on every call and to log-in, until reactivated")
    void suspendAndActivate() throws Exception {
        Session operator = platformAdmin();
        Session owner = register("Suspend Me Inc");
        Session rep = createUser(owner, "sales_rep");
        mvc.perform(operator.auth(post("/api/v1/platform/tenants/" + owner.tenantId() + "/suspend")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("suspended"));
        for (String path : new String[] {"/api/v1/me", "/api/v1/users", "/api/v1/tenant", "/api/v1/admin/audit"}) {
            mvc.perform(owner.auth(get(path))).andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.type").value("urn:salesagent:problem:tenant-suspended"));
        }
        mvc.perform(rep.auth(get("/api/v1/me"))).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/auth/token").with(randomClient()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + owner.email() + "\",\"password\":\"" + PASSWORD + "\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/auth/refresh").with(randomClient()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"refresh_token\":\"" + owner.refreshToken() + "\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(operator.auth(post("/api/v1/platform/tenants/" + owner.tenantId() + "/activate")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("active"));
        mvc.perform(owner.auth(get("/api/v1/me"))).andExpect(status().isOk());
    }

    @Test
    @DisplayName("the tenant list filters by status and pages with a cursor")
    void listTenants() throws Exception {
        Session operator = platformAdmin();
        Session s1 = register("List Suspended One");
        mvc.perform(operator.auth(post("/api/v1/platform/tenants/" + s1.tenantId() + "/suspend")))
                .andExpect(status().isOk());
        MvcResult suspended = mvc.perform(operator.auth(get("/api/v1/platform/tenants").param("status", "suspended")
                .param("limit", "100"))).andExpect(status().isOk()).andReturn();
        assertThat(suspended.getResponse().getContentAsString()).contains(s1.tenantId().toString());
        java.util.List<String> statuses = read(suspended, "$.items[*].status");
        assertThat(statuses).containsOnly("suspended");

        register("List Page A");
        register("List Page B");
        MvcResult page1 = mvc.perform(operator.auth(get("/api/v1/platform/tenants").param("limit", "2")))
                .andExpect(status().isOk()).andReturn();
        java.util.List<String> ids1 = read(page1, "$.items[*].id");
        String cursor = read(page1, "$.next_cursor");
        MvcResult page2 = mvc.perform(operator.auth(get("/api/v1/platform/tenants").param("limit", "2")
                .param("cursor", cursor))).andExpect(status().isOk()).andReturn();
        java.util.List<String> ids2 = read(page2, "$.items[*].id");
        assertThat(ids1).hasSize(2);
        assertThat(ids2).isNotEmpty().doesNotContainAnyElementsOf(ids1);
    }

    @Test
    @DisplayName("admin-tier tenants cannot be suspended, and customers cannot reach the platform API")
    void guards() throws Exception {
        Session operator = platformAdmin();
        mvc.perform(operator.auth(post("/api/v1/platform/tenants/" + operator.tenantId() + "/suspend")))
                .andExpect(status().isConflict());
        Session owner = register("Nosy Customer");
        mvc.perform(owner.auth(get("/api/v1/platform/tenants"))).andExpect(status().isForbidden());
    }
}
