package dev.salesagent.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class GdprTest extends PlatformTestSupport {

    @Test
    @DisplayName("export returns the person's record, sessions and audit events as one JSON document")
    void export() throws Exception {
        Session owner = register("Gdpr Export");
        Session rep = createUser(owner, "sales_rep");
        mvc.perform(owner.auth(get("/api/v1/admin/gdpr/export").param("email", rep.email().toUpperCase())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.user.id").value(rep.userId().toString()))
                .andExpect(jsonPath("$.user.email").value(rep.email()))
                .andExpect(jsonPath("$.sessions.length()").value(1))
                .andExpect(jsonPath("$.audit_events[?(@.action == 'user.created')]").exists())
                .andExpect(jsonPath("$.audit_events[?(@.action == 'auth.login' && @.by_subject == true)]").exists());
        mvc.perform(owner.auth(get("/api/v1/admin/gdpr/requests")))
                .andExpect(jsonPath("$[0].kind").value("export"))
                .andExpect(jsonPath("$[0].subject_user_id").value(rep.userId().toString()));
    }

    @Test
    @DisplayName("erasure pseudonymises the person irreversibly, ends their sessions and keeps the audit chain valid")
    void erase() throws Exception {
        Session owner = register("Gdpr Erase");
        Session rep = createUser(owner, "sales_rep");
        mvc.perform(owner.auth(post("/api/v1/admin/gdpr/erase")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + rep.email() + "\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("erased"))
                .andExpect(jsonPath("$.crm_propagation").value("not_found"));
        String stored = jdbc.sql("select email || coalesce(password_hash, '') from app_user where id = ?")
                .param(rep.userId()).query(String.class).single();
        assertThat(stored).startsWith("erased-").endsWith("@erased.invalid");
        Integer mentions = jdbc.sql("""
                select (select count(*) from app_user where lower(email) = lower(?))
                     + (select count(*) from audit_event where details like ?)
                     + (select count(*) from gdpr_request where subject_hash like ?)""")
                .params(rep.email(), "%" + rep.email() + "%", "%" + rep.email() + "%").query(Integer.class).single();
        assertThat(mentions).isZero();
        mvc.perform(rep.auth(get("/api/v1/me"))).andExpect(status().isUnauthorized());
        mvc.perform(owner.auth(get("/api/v1/admin/gdpr/export").param("email", rep.email())))
                .andExpect(status().isNotFound());
        mvc.perform(owner.auth(get("/api/v1/admin/audit/verify"))).andExpect(jsonPath("$.valid").value(true));
    }

    @Test
    @DisplayName("another tenant's people cannot be exported or erased, and nobody erases themselves")
    void isolationAndSelf() throws Exception {
        Session a = register("Gdpr A");
        Session b = register("Gdpr B");
        mvc.perform(a.auth(get("/api/v1/admin/gdpr/export").param("email", b.email()))).andExpect(status().isNotFound());
        mvc.perform(a.auth(post("/api/v1/admin/gdpr/erase")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\":\"" + b.email() + "\"}")).andExpect(status().isNotFound());
        mvc.perform(b.auth(get("/api/v1/me"))).andExpect(status().isOk());
        mvc.perform(a.auth(post("/api/v1/admin/gdpr/erase")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\":\"" + a.email() + "\"}")).andExpect(status().isConflict());
    }
}
