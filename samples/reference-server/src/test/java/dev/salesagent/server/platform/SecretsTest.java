package dev.salesagent.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.salesagent.server.platform.secret.TenantSecrets;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

class SecretsTest extends PlatformTestSupport {

    @Autowired
    TenantSecrets secrets;

    private void store(Session s, String name, String value) throws Exception {
        mvc.perform(s.auth(put("/api/v1/tenant/secrets/" + name)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"value\":\"" + value + "\"}")).andExpect(status().isNoContent());
    }

    @Test
    @DisplayName("a secret is stored encrypted, listed by name only, and readable by server code of its tenant")
    void storedEncrypted() throws Exception {
        Session owner = register("Secrets Co");
        store(owner, "crm.hubspot.token", "pat-na1-plaintext-value");
        String listing = mvc.perform(owner.auth(get("/api/v1/tenant/secrets"))).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].name").value("crm.hubspot.token"))
                .andReturn().getResponse().getContentAsString();
        assertThat(listing).doesNotContain("pat-na1-plaintext-value");
        byte[] stored = jdbc.sql("select ciphertext from tenant_secret where tenant_id = ?").param(owner.tenantId())
                .query(byte[].class).single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("plaintext");
        assertThat(secrets.get(owner.tenantId(), "crm.hubspot.token")).contains("pat-na1-plaintext-value");
        String audit = mvc.perform(owner.auth(get("/api/v1/admin/audit").param("action", "secret.stored")))
                .andExpect(jsonPath("$.items[0].target_id").value("crm.hubspot.token"))
                .andReturn().getResponse().getContentAsString();
        assertThat(audit).doesNotContain("plaintext");
    }

    @Test
    @DisplayName("the same name in another tenant is another secret, and a row copied across tenants does not decrypt")
    void boundToTenant() throws Exception {
        Session a = register("Secrets A");
        Session b = register("Secrets B");
        store(b, "model.openai.key", "sk-tenant-b");
        store(a, "model.openai.key", "sk-tenant-a");
        mvc.perform(a.auth(delete("/api/v1/tenant/secrets/model.openai.key"))).andExpect(status().isNoContent());
        assertThat(secrets.get(b.tenantId(), "model.openai.key")).contains("sk-tenant-b");
        assertThat(secrets.get(a.tenantId(), "model.openai.key")).isEmpty();
        mvc.perform(a.auth(delete("/api/v1/tenant/secrets/model.openai.key"))).andExpect(status().isNotFound());
        // an attacker with SQL access copies B's ciphertext into A: it must not decrypt as A's
        jdbc.sql("""
                insert into tenant_secret (tenant_id, name, ciphertext, created_at, updated_at)
                select ?, name, ciphertext, created_at, updated_at from tenant_secret where tenant_id = ?""")
                .params(a.tenantId(), b.tenantId()).update();
        assertThatThrownBy(() -> secrets.get(a.tenantId(), "model.openai.key"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not decrypt");
    }

    @Test
    @DisplayName("bad names are refused")
    void badName() throws Exception {
        Session owner = register("Secrets Names");
        mvc.perform(owner.auth(put("/api/v1/tenant/secrets/Bad Name!")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"value\":\"x\"}")).andExpect(status().isBadRequest());
    }
}
