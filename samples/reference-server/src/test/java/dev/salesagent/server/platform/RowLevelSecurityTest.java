package dev.salesagent.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.salesagent.server.platform.db.TenantScope;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * PostgreSQL row-level security as defence in depth: under the tenant role a query that forgets its tenant filter sees
 * only the scoped tenant's rows, with another tenant's setting none of ours, with no setting none at all; writes into
 * another tenant are refused by the policy.
 */
class RowLevelSecurityTest extends PlatformTestSupport {

    static final List<String> TABLES = List.of("app_user", "refresh_token", "audit_event", "tenant_secret",
            "gdpr_request");

    @Autowired
    TransactionTemplate tx;

    @Autowired
    TenantScope scope;

    private <T> T asTenantRole(String tenantSetting, Supplier<T> work) {
        return tx.execute(s -> {
            if (tenantSetting != null) {
                jdbc.sql("select set_config('app.tenant_id', ?, true)").param(tenantSetting).query(String.class)
                        .single();
            }
            jdbc.sql("set local role " + TenantScope.ROLE).update();
            return work.get();
        });
    }

    private long countAll(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single(); // no tenant filter on purpose
    }

    private long countOf(String table, UUID tenantId) {
        return jdbc.sql("select count(*) from " + table + " where tenant_id = ?").param(tenantId).query(Long.class)
                .single();
    }

    @Test
    void queriesWithoutATenantFilterSeeOnlyTheScopedTenantOrNothing() throws Exception {
        assertThat(scope.enforced()).isTrue();
        Session a = register("RLS A");
        Session b = register("RLS B");
        createUser(b, "sales_rep");
        long usersOfA = countOf("app_user", a.tenantId());
        assertThat(countAll("app_user")).as("the owner role is not bound").isGreaterThan(usersOfA);

        asTenantRole(a.tenantId().toString(), () -> {
            for (String table : TABLES) {
                assertThat(jdbc.sql("select count(*) from " + table + " where tenant_id <> ?").param(a.tenantId())
                        .query(Long.class).single()).as(table + " rows of other tenants").isZero();
            }
            assertThat(countAll("app_user")).isEqualTo(usersOfA);
            assertThat(countOf("app_user", b.tenantId())).isZero();
            assertThat(countAll("tenant")).isEqualTo(1L);
            return null;
        });
        asTenantRole(b.tenantId().toString(), () -> {
            assertThat(countOf("app_user", a.tenantId())).isZero();
            assertThat(countOf("audit_event", a.tenantId())).isZero();
            assertThat(countOf("refresh_token", a.tenantId())).isZero();
            return null;
        });
        asTenantRole(null, () -> {
            for (String table : TABLES) {
                assertThat(countAll(table)).as(table + " with no tenant set").isZero();
            }
            assertThat(countAll("tenant")).isZero();
            return null;
        });
        asTenantRole("", () -> {
            assertThat(countAll("app_user")).isZero();
            return null;
        });
    }

    @Test
    void writesIntoAnotherTenantAreRefusedByThePolicy() throws Exception {
        Session a = register("RLS write A");
        Session b = register("RLS write B");
        Integer updated = asTenantRole(a.tenantId().toString(), () ->
                jdbc.sql("update app_user set display_name = 'hijacked' where tenant_id = ?").param(b.tenantId())
                        .update());
        assertThat(updated).as("the other tenant's rows are invisible to the update").isZero();
        assertThat(jdbc.sql("select count(*) from app_user where display_name = 'hijacked'").query(Long.class)
                .single()).isZero();
        assertThatThrownBy(() -> asTenantRole(a.tenantId().toString(), () ->
                jdbc.sql("insert into tenant_secret (tenant_id, name, ciphertext, created_at, updated_at)"
                        + " values (?, 'x', '\\x00', now(), now())").param(b.tenantId()).update()))
                .rootCause().hasMessageContaining("row-level security policy");
    }

    @Test
    void theUsersListRunsUnderTheScopeAndStillAnswersTheTenantsUsers() throws Exception {
        Session owner = register("RLS list");
        createUser(owner, "sales_rep");
        String body = mvc.perform(owner.auth(get("/api/v1/users"))).andReturn().getResponse().getContentAsString();
        List<String> emails = com.jayway.jsonpath.JsonPath.read(body, "$.items[*].email");
        assertThat(emails).as(body).hasSize(2).contains(owner.email());
    }
}
