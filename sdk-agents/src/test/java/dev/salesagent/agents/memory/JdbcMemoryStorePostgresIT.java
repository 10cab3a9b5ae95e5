package dev.salesagent.agents.memory;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link JdbcMemoryStore} against the real PostgreSQL of the {@code services} profile. */
class JdbcMemoryStorePostgresIT {

    @Test
    @DisplayName("facts are kept per tenant and subject, newest first, and can be forgotten on PostgreSQL")
    void postgres() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(System.getProperty("salesagent.it.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test"));
        ds.setUser(System.getProperty("salesagent.it.postgres.user", "postgres"));
        MemoryStore store = new JdbcMemoryStore(ds).createSchema();
        String tenant = "it-" + UUID.randomUUID();
        Instant t0 = Instant.parse("2026-01-01T10:00:00Z");
        store.remember(new MemoryFact(tenant, "jane@acme.com", "prefers email", "run-1", t0));
        store.remember(new MemoryFact(tenant, "jane@acme.com", "budget approved in Q3", "crm", t0.plusSeconds(60)));
        store.remember(new MemoryFact("other-" + tenant, "jane@acme.com", "another tenant's fact", null, t0));
        assertThat(store.recall(tenant, "jane@acme.com", 10)).extracting(MemoryFact::fact)
                .containsExactly("budget approved in Q3", "prefers email");
        assertThat(store.recall(tenant, "jane@acme.com", 10).get(1).recordedAt()).isEqualTo(t0);
        assertThat(store.forget(tenant, "jane@acme.com")).isEqualTo(2);
        assertThat(store.recall(tenant, "jane@acme.com", 10)).isEmpty();
        assertThat(store.forget("other-" + tenant, "jane@acme.com")).isEqualTo(1);
    }
}
