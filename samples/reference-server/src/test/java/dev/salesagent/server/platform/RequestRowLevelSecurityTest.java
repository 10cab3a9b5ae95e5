package dev.salesagent.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.zaxxer.hikari.HikariDataSource;
import dev.salesagent.server.platform.db.TenantConnections;
import dev.salesagent.server.platform.db.TenantScope;
import dev.salesagent.server.platform.db.TenantScopedDataSource;
import jakarta.servlet.Filter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.WebApplicationContext;

/**
 * Row-level security on every tenant-authenticated request: behind the real security filter chain (bearer token,
 * tenant guard) a probe runs queries WITHOUT a tenant filter on the application's data source, as any endpoint's code
 * would, and they see only the signed-in tenant's rows; the platform-admin API and unauthenticated calls keep the
 * system scope; a connection borrowed without a scope is clean whatever its previous borrower was; a pooled session is
 * switched only when its next borrower's scope differs.
 */
class RequestRowLevelSecurityTest extends PlatformTestSupport {

    @Autowired
    WebApplicationContext context;

    @Autowired
    @Qualifier("springSecurityFilterChain")
    Filter security;

    @Autowired
    DataSource dataSource;

    @Autowired
    TransactionTemplate tx;

    /** What the probe saw inside the last request. */
    private final Map<String, Object> seen = new LinkedHashMap<>();

    private MockMvc probed() {
        Filter probe = (request, response, chain) -> {
            seen.clear();
            seen.put("role", jdbc.sql("select current_user").query(String.class).single());
            seen.put("users", jdbc.sql("select count(*) from app_user").query(Long.class).single()); // no filter
            seen.put("tenants", jdbc.sql("select count(*) from tenant").query(Long.class).single());
            seen.put("audit tenants", jdbc.sql("select count(distinct tenant_id) from audit_event")
                    .query(Long.class).single());
            seen.put("tx users", tx.execute(s -> jdbc.sql("select count(*) from app_user").query(Long.class)
                    .single()));
            seen.put("system users", TenantConnections.asSystem(dataSource,
                    () -> jdbc.sql("select count(*) from app_user").query(Long.class).single()));
            seen.put("tx system users", tx.execute(s -> {
                long all = TenantConnections.asSystem(dataSource,
                        () -> jdbc.sql("select count(*) from app_user").query(Long.class).single());
                long after = jdbc.sql("select count(*) from app_user").query(Long.class).single();
                return List.of(all, after);
            }));
            seen.put("pid", jdbc.sql("select pg_backend_pid()").query(Integer.class).single());
            chain.doFilter(request, response);
        };
        return MockMvcBuilders.webAppContextSetup(context).addFilters(security, probe).build();
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    @Test
    void aTenantRequestsUnfilteredQueriesSeeOnlyItsTenantsRows() throws Exception {
        Session a = register("Request RLS A");
        Session b = register("Request RLS B");
        createUser(b, "sales_rep");
        long usersOfA = count("select count(*) from app_user where tenant_id = ?", a.tenantId());
        long allUsers = count("select count(*) from app_user");
        assertThat(allUsers).isGreaterThan(usersOfA + 1);

        probed().perform(a.auth(get("/api/v1/me"))).andReturn();

        assertThat(seen.get("role")).isEqualTo(TenantScope.ROLE);
        assertThat(seen.get("users")).as("app_user without a tenant filter").isEqualTo(usersOfA);
        assertThat(seen.get("tenants")).isEqualTo(1L);
        assertThat(seen.get("audit tenants")).isEqualTo(1L);
        assertThat(seen.get("tx users")).as("inside a transaction").isEqualTo(usersOfA);
        assertThat((Long) seen.get("system users")).as("explicit system scope").isGreaterThanOrEqualTo(allUsers);
        assertThat((List<?>) seen.get("tx system users")).as("system scope inside a tenant transaction, then back")
                .element(1).isEqualTo(usersOfA);
        assertThat((Long) ((List<?>) seen.get("tx system users")).get(0)).isGreaterThanOrEqualTo(allUsers);
        assertComesBackClean((Integer) seen.get("pid"));
    }

    @Test
    void thePlatformAdminApiAndAnonymousCallsKeepTheSystemScope() throws Exception {
        Session admin = platformAdmin();
        probed().perform(admin.auth(get("/api/v1/platform/tenants"))).andReturn();
        assertThat(seen.get("role")).as("platform-admin API").isNotEqualTo(TenantScope.ROLE);
        assertThat((Long) seen.get("tenants")).isGreaterThan(1L);

        probed().perform(admin.auth(get("/api/v1/me"))).andReturn();
        assertThat(seen.get("role")).as("a platform admin's own tenant calls are tenant-scoped")
                .isEqualTo(TenantScope.ROLE);

        probed().perform(post("/api/v1/auth/token").with(randomClient()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\":\"nobody@example.com\",\"password\":\"x\"}")).andReturn();
        assertThat(seen.get("role")).as("log-in is not tenant-scoped").isNotEqualTo(TenantScope.ROLE);
        assertThat((Long) seen.get("users")).isGreaterThan(1L);
    }

    @Test
    void aTakenEmailOfAnotherTenantIsStillAConflictUnderTheTenantScope() throws Exception {
        Session a = register("Request RLS email A");
        Session b = register("Request RLS email B");
        int status = mvc.perform(a.auth(post("/api/v1/users")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + b.email() + "\",\"roles\":[\"sales_rep\"],\"password\":\"" + PASSWORD
                                + "\"}"))
                .andReturn().getResponse().getStatus();
        assertThat(status).as("the uniqueness check looks across tenants").isEqualTo(409);
    }

    @Test
    void aPooledSessionIsSwitchedOnlyWhenTheNextBorrowersScopeDiffers() throws Exception {
        HikariDataSource app = (HikariDataSource) ((TenantScopedDataSource) dataSource).getTargetDataSource();
        HikariDataSource one = new HikariDataSource();
        one.setJdbcUrl(app.getJdbcUrl());
        one.setUsername(app.getUsername());
        one.setPassword(app.getPassword());
        one.setMaximumPoolSize(1); // every borrow gets the same physical connection
        try (TenantScopedDataSource scoped = new TenantScopedDataSource(one)) {
            UUID a = UUID.randomUUID();
            UUID b = UUID.randomUUID();
            assertThat(scopeOf(scoped, null)).containsExactly("owner", "");
            assertThat(scoped.scopeSwitches()).as("a fresh session is already in the system scope").isZero();

            assertThat(scopeOf(scoped, a)).containsExactly(TenantScope.ROLE, a.toString());
            assertThat(scopeOf(scoped, a)).containsExactly(TenantScope.ROLE, a.toString());
            assertThat(scoped.scopeSwitches()).as("the same tenant's second borrow sends nothing").isEqualTo(1);

            assertThat(scopeOf(scoped, b)).as("another tenant's borrower").containsExactly(TenantScope.ROLE, b.toString());
            assertThat(scopeOf(scoped, null)).as("a system borrower after a tenant").containsExactly("owner", "");
            assertThat(scopeOf(scoped, null)).containsExactly("owner", "");
            assertThat(scoped.scopeSwitches()).isEqualTo(3);

            try (TenantConnections.Scope ignored = TenantConnections.openTenant(a);
                 Connection c = scoped.getConnection()) {
                assertThat(scoped.sessionScopedTo(c, a)).isTrue();
                assertThat(scoped.sessionScopedTo(c, b)).isFalse();
            }
        }
    }

    /** current_user (the owner as "owner") and app.tenant_id of a connection borrowed in {@code tenant}'s scope. */
    private List<String> scopeOf(DataSource source, UUID tenant) throws Exception {
        TenantConnections.Scope scope = tenant == null ? () -> { } : TenantConnections.openTenant(tenant);
        try (scope; Connection c = source.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select current_user = session_user, current_user,"
                     + " coalesce(current_setting('app.tenant_id', true), '')")) {
            rs.next();
            return List.of(rs.getBoolean(1) ? "owner" : rs.getString(2), rs.getString(3));
        }
    }

    /** A connection borrowed without a tenant scope is the owner's with no tenant set, whoever used it before. */
    private void assertComesBackClean(int pid) throws Exception {
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                Connection c = dataSource.getConnection();
                held.add(c);
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("select pg_backend_pid(), current_user,"
                             + " coalesce(current_setting('app.tenant_id', true), '')")) {
                    rs.next();
                    assertThat(rs.getString(2)).as("role of a pooled connection").isNotEqualTo(TenantScope.ROLE);
                    assertThat(rs.getString(3)).as("app.tenant_id of a pooled connection").isEmpty();
                    if (rs.getInt(1) == pid) {
                        return;
                    }
                }
            }
            throw new AssertionError("the request's connection (pid " + pid + ") was not found in the pool");
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
    }
}
