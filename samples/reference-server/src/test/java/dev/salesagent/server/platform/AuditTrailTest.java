package dev.salesagent.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.transaction.support.TransactionTemplate;

class AuditTrailTest extends PlatformTestSupport {

    @Autowired
    TransactionTemplate tx;

    @Test
    @DisplayName("state changes are recorded with actor, target and request id, filterable and paged")
    void recordsAndFilters() throws Exception {
        Session owner = register("Audit Records");
        Session rep = createUser(owner, "sales_rep");
        mvc.perform(owner.auth(patch("/api/v1/users/" + rep.userId())).header("X-Request-Id", "audit-req-1")
                .contentType(MediaType.APPLICATION_JSON).content("{\"display_name\":\"Renamed Rep\"}"))
                .andExpect(status().isOk());
        mvc.perform(owner.auth(get("/api/v1/admin/audit").param("action", "user.updated")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].actor_id").value(owner.userId().toString()))
                .andExpect(jsonPath("$.items[0].target_id").value(rep.userId().toString()))
                .andExpect(jsonPath("$.items[0].request_id").value("audit-req-1"))
                .andExpect(jsonPath("$.items[0].hash").isString());
        List<String> actions = read(mvc.perform(owner.auth(get("/api/v1/admin/audit").param("limit", "100")))
                .andReturn(), "$.items[*].action");
        assertThat(actions).contains("tenant.registered", "user.created", "auth.login", "user.updated");
        // paging: newest first, no overlap
        var page1 = mvc.perform(owner.auth(get("/api/v1/admin/audit").param("limit", "2"))).andReturn();
        List<Integer> seq1 = read(page1, "$.items[*].seq");
        String cursor = read(page1, "$.next_cursor");
        List<Integer> seq2 = read(mvc.perform(owner.auth(get("/api/v1/admin/audit").param("limit", "2")
                .param("cursor", cursor))).andReturn(), "$.items[*].seq");
        assertThat(seq1.get(0)).isGreaterThan(seq1.get(1));
        assertThat(seq2.get(0)).isLessThan(seq1.get(1));
    }

    @Test
    @DisplayName("verify passes on an intact chain and names the row edited with plain SQL")
    void tamperEvidence() throws Exception {
        Session owner = register("Audit Tamper");
        Session rep = createUser(owner, "sales_rep");
        mvc.perform(owner.auth(patch("/api/v1/users/" + rep.userId())).contentType(MediaType.APPLICATION_JSON)
                .content("{\"roles\":[\"sales_manager\"]}")).andExpect(status().isOk());
        mvc.perform(owner.auth(get("/api/v1/admin/audit/verify")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.valid").value(true));

        Long victim = jdbc.sql("select seq from audit_event where tenant_id = ? and action = 'user.updated'")
                .param(owner.tenantId()).query(Long.class).single();
        // the table refuses updates ...
        assertThatThrownBy(() -> jdbc.sql("update audit_event set details = '{}' where seq = ?").param(victim).update())
                .hasMessageContaining("append-only");
        // ... but someone with superuser rights can switch triggers off; the chain still tells
        tx.executeWithoutResult(s -> {
            jdbc.sql("set local session_replication_role = replica").update();
            jdbc.sql("update audit_event set details = '{\"roles\":[\"owner\"]}' where seq = ?").param(victim).update();
        });
        mvc.perform(owner.auth(get("/api/v1/admin/audit/verify")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.valid").value(false))
                .andExpect(jsonPath("$.broken_seq").value(victim))
                .andExpect(jsonPath("$.reason").value(org.hamcrest.Matchers.containsString("changed")));
    }

    @Test
    @DisplayName("deleting a row from the middle of the chain is detected at the next row")
    void deletionDetected() throws Exception {
        Session owner = register("Audit Delete");
        createUser(owner, "sales_rep");
        createUser(owner, "sales_rep");
        List<Long> seqs = jdbc.sql("select seq from audit_event where tenant_id = ? order by seq")
                .param(owner.tenantId()).query(Long.class).list();
        assertThat(seqs.size()).isGreaterThanOrEqualTo(4);
        long removed = seqs.get(1);
        tx.executeWithoutResult(s -> {
            jdbc.sql("set local session_replication_role = replica").update();
            jdbc.sql("delete from audit_event where seq = ?").param(removed).update();
        });
        mvc.perform(owner.auth(get("/api/v1/admin/audit/verify")))
                .andExpect(jsonPath("$.valid").value(false))
                .andExpect(jsonPath("$.broken_seq").value(seqs.get(2)))
                .andExpect(jsonPath("$.reason").value(org.hamcrest.Matchers.containsString("removed")));
    }
}
