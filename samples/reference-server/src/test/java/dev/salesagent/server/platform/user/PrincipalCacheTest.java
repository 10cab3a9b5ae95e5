package dev.salesagent.server.platform.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.salesagent.server.platform.PlatformTestSupport;
import dev.salesagent.server.platform.auth.TokenService;
import dev.salesagent.server.platform.security.CurrentUser;
import dev.salesagent.server.platform.security.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The principal cache ({@link UserStore#cachedPrincipal}) keeps every rule of the uncached path: each test first makes
 * requests so that the principal is cached, then changes it and expects the change on the very next request.
 */
class PrincipalCacheTest extends PlatformTestSupport {

    @Autowired
    TokenService tokens;

    @Test
    @DisplayName("a role change applies to the user's next request, both ways")
    void roleChangeAppliesAtOnce() throws Exception {
        Session owner = register("Cache Roles Co");
        Session rep = createUser(owner, "sales_rep");
        call(rep, get("/api/v1/users"), null, 403);
        call(rep, get("/api/v1/me"), null, 200);
        call(owner, patch("/api/v1/users/" + rep.userId()), "{\"roles\":[\"sales_exec\"]}", 200);
        call(rep, get("/api/v1/users"), null, 200);
        call(owner, patch("/api/v1/users/" + rep.userId()), "{\"roles\":[\"sales_rep\"]}", 200);
        call(rep, get("/api/v1/users"), null, 403);
    }

    @Test
    @DisplayName("a disabled or deleted user's access token is refused on the next request")
    void disabledAndDeletedUsersRefusedAtOnce() throws Exception {
        Session owner = register("Cache Disable Co");
        Session disabled = createUser(owner, "sales_rep");
        Session deleted = createUser(owner, "sales_rep");
        call(disabled, get("/api/v1/me"), null, 200);
        call(deleted, get("/api/v1/me"), null, 200);
        call(owner, patch("/api/v1/users/" + disabled.userId()), "{\"status\":\"disabled\"}", 200);
        call(owner, delete("/api/v1/users/" + deleted.userId()), null, 204);
        call(disabled, get("/api/v1/me"), null, 401);
        call(deleted, get("/api/v1/me"), null, 401);
        call(owner, patch("/api/v1/users/" + disabled.userId()), "{\"status\":\"active\"}", 200);
        call(disabled, get("/api/v1/me"), null, 200);
    }

    @Test
    @DisplayName("suspending a tenant answers 403 to its cached users' next request, and reactivating restores them")
    void suspensionAppliesAtOnce() throws Exception {
        Session operator = platformAdmin();
        Session owner = register("Cache Suspend Co");
        Session rep = createUser(owner, "sales_rep");
        call(owner, get("/api/v1/users"), null, 200);
        call(rep, get("/api/v1/me"), null, 200);
        call(operator, post("/api/v1/platform/tenants/" + owner.tenantId() + "/suspend"), null, 200);
        call(owner, get("/api/v1/users"), null, 403);
        call(rep, get("/api/v1/me"), null, 403);
        call(operator, post("/api/v1/platform/tenants/" + owner.tenantId() + "/activate"), null, 200);
        call(rep, get("/api/v1/me"), null, 200);
    }

    @Test
    @DisplayName("a validly signed token naming another tenant than the cached user's is refused")
    void anotherTenantsTokenRefused() throws Exception {
        Session owner = register("Cache Tenant A");
        Session other = register("Cache Tenant B");
        call(owner, get("/api/v1/me"), null, 200);
        User forged = new User(owner.userId(), other.tenantId(), owner.email(), null, Set.of(Role.OWNER),
                User.ACTIVE, null, Instant.now(), Instant.now());
        String token = tokens.accessToken(forged, "cache-tenant-b");
        for (String path : new String[] {"/api/v1/me", "/api/v1/users"}) {
            assertThat(mvc.perform(get(path).header("Authorization", "Bearer " + token)).andReturn().getResponse()
                    .getStatus()).as(path).isEqualTo(401);
        }
        call(owner, get("/api/v1/me"), null, 200);
    }

    @Test
    @DisplayName("a change made by another instance (no eviction here) is seen once the TTL has passed")
    void otherInstancesChangeSeenWithinTtl() throws Exception {
        Session owner = register("Cache Other Instance Co");
        UserStore store = new UserStore(jdbc, Duration.ofMillis(300));
        UserStore uncached = new UserStore(jdbc, Duration.ZERO);
        assertThat(store.cachedPrincipal(owner.userId())).map(CurrentUser::tenantSuspended).contains(false);
        jdbc.sql("update tenant set status = 'suspended' where id = ?").param(owner.tenantId()).update();
        try {
            assertThat(uncached.cachedPrincipal(owner.userId())).map(CurrentUser::tenantSuspended).contains(true);
            Thread.sleep(400);
            assertThat(store.cachedPrincipal(owner.userId())).map(CurrentUser::tenantSuspended).contains(true);
        } finally {
            jdbc.sql("update tenant set status = 'active' where id = ?").param(owner.tenantId()).update();
        }
    }

    @Test
    @DisplayName("users who cannot sign in are not cached: re-enabling one by another instance applies at once")
    void inactiveUsersNotCached() throws Exception {
        Session owner = register("Cache Inactive Co");
        Session rep = createUser(owner, "sales_rep");
        UserStore store = new UserStore(jdbc, Duration.ofHours(1));
        jdbc.sql("update app_user set status = 'disabled' where id = ?").param(rep.userId()).update();
        assertThat(store.cachedPrincipal(rep.userId())).isEmpty();
        jdbc.sql("update app_user set status = 'active' where id = ?").param(rep.userId()).update();
        assertThat(store.cachedPrincipal(rep.userId())).isPresent();
        store.evictTenantPrincipals(owner.tenantId());
        jdbc.sql("update app_user set roles = '{sales_exec}' where id = ?").param(rep.userId()).update();
        assertThat(store.cachedPrincipal(rep.userId())).map(CurrentUser::roles).contains(Set.of(Role.SALES_EXEC));
    }
}
