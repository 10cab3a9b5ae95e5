package dev.salesagent.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class UsersTest extends PlatformTestSupport {

    @Test
    @DisplayName("an admin creates, reads, changes and deletes a user; the password hash is never returned")
    void crud() throws Exception {
        Session owner = register("Users Crud");
        Session rep = createUser(owner, "sales_rep");
        mvc.perform(owner.auth(get("/api/v1/users/" + rep.userId()))).andExpect(status().isOk())
                .andExpect(jsonPath("$.email").value(rep.email()))
                .andExpect(jsonPath("$.roles[0]").value("sales_rep"))
                .andExpect(jsonPath("$.password_hash").doesNotExist());
        mvc.perform(owner.auth(patch("/api/v1/users/" + rep.userId())).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"roles\":[\"sales_manager\"],\"territory\":\"EMEA\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.roles[0]").value("sales_manager"));
        // the role change applies to the existing token at once
        mvc.perform(rep.auth(get("/api/v1/me"))).andExpect(jsonPath("$.roles[0]").value("sales_manager"))
                .andExpect(jsonPath("$.data_scope").value("territory"));
        mvc.perform(owner.auth(delete("/api/v1/users/" + rep.userId()))).andExpect(status().isNoContent());
        mvc.perform(owner.auth(get("/api/v1/users/" + rep.userId()))).andExpect(status().isNotFound());
    }

    @Test
    @DisplayName("validation errors come back as a problem with one entry per field")
    void validation() throws Exception {
        Session owner = register("Users Validation");
        mvc.perform(owner.auth(post("/api/v1/users")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"not-an-email\",\"roles\":[],\"password\":\"short\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:salesagent:problem:validation"))
                .andExpect(jsonPath("$.errors[?(@.field == 'email')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'roles')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'password')]").exists());
        mvc.perform(owner.auth(post("/api/v1/users")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"x-" + System.nanoTime() + "@example.com\",\"roles\":[\"wizard\"],"
                                + "\"password\":\"correct-horse-battery\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value("unknown role wizard"));
    }

    @Test
    @DisplayName("e-mails are unique across the platform, case-insensitively")
    void duplicateEmail() throws Exception {
        Session owner = register("Users Dupes");
        Session other = register("Users Dupes Other");
        mvc.perform(owner.auth(post("/api/v1/users")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + other.email().toUpperCase() + "\",\"roles\":[\"sales_rep\"],"
                                + "\"password\":\"correct-horse-battery\"}"))
                .andExpect(status().isConflict());
    }

    @Test
    @DisplayName("the last owner cannot be demoted, an admin cannot grant owner, and nobody grants platform_admin in a customer tenant")
    void roleGuards() throws Exception {
        Session owner = register("Users Guards");
        Session admin = createUser(owner, "admin");
        mvc.perform(owner.auth(patch("/api/v1/users/" + owner.userId())).contentType(MediaType.APPLICATION_JSON)
                .content("{\"roles\":[\"admin\"]}")).andExpect(status().isConflict());
        mvc.perform(admin.auth(post("/api/v1/users")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\":\"" + email("o2") + "\",\"roles\":[\"owner\"],\"password\":\"correct-horse-battery\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(owner.auth(post("/api/v1/users")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\":\"" + email("pa") + "\",\"roles\":[\"platform_admin\"],\"password\":\"correct-horse-battery\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(owner.auth(get("/api/v1/me"))).andExpect(jsonPath("$.roles[0]").value("owner"));
    }

    @Test
    @DisplayName("a disabled user cannot sign in or refresh, and their tokens stop working")
    void disable() throws Exception {
        Session owner = register("Users Disable");
        Session rep = createUser(owner, "sales_rep");
        mvc.perform(owner.auth(patch("/api/v1/users/" + rep.userId())).contentType(MediaType.APPLICATION_JSON)
                .content("{\"status\":\"disabled\"}")).andExpect(status().isOk());
        mvc.perform(rep.auth(get("/api/v1/me"))).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1/auth/token").with(randomClient()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + rep.email() + "\",\"password\":\"" + PASSWORD + "\"}"))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1/auth/refresh").with(randomClient()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"refresh_token\":\"" + rep.refreshToken() + "\"}"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    @DisplayName("the user list filters by role and text and pages with a cursor")
    void listFilters() throws Exception {
        Session owner = register("Users List");
        Session rep1 = createUser(owner, "sales_rep");
        createUser(owner, "sales_rep");
        createUser(owner, "finance_viewer");
        java.util.List<String> reps = read(mvc.perform(owner.auth(get("/api/v1/users").param("role", "sales_rep")))
                .andExpect(status().isOk()).andReturn(), "$.items[*].email");
        assertThat(reps).hasSize(2).contains(rep1.email());
        java.util.List<String> byText = read(mvc.perform(owner.auth(get("/api/v1/users").param("q", rep1.email())))
                .andReturn(), "$.items[*].email");
        assertThat(byText).containsExactly(rep1.email());
        var page1 = mvc.perform(owner.auth(get("/api/v1/users").param("limit", "3"))).andReturn();
        String cursor = read(page1, "$.next_cursor");
        java.util.List<String> rest = read(mvc.perform(owner.auth(get("/api/v1/users").param("cursor", cursor)))
                .andReturn(), "$.items[*].email");
        assertThat(rest).hasSize(1);
        mvc.perform(owner.auth(get("/api/v1/users").param("limit", "101"))).andExpect(status().isBadRequest());
    }
}
