package dev.salesagent.server.platform.tenant;

import dev.salesagent.server.platform.db.Sql;
import dev.salesagent.server.platform.user.UserStore;
import dev.salesagent.server.platform.web.Cursors;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tenants in PostgreSQL. */
@Repository
public class TenantStore {

    private final JdbcClient jdbc;
    private final UserStore users;

    TenantStore(JdbcClient jdbc, UserStore users) {
        this.jdbc = jdbc;
        this.users = users;
    }

    /** Inserts a tenant. */
    public void insert(Tenant t) {
        jdbc.sql("""
                insert into tenant (id, slug, name, tier, status, sso_domain, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(t.id(), t.slug(), t.name(), t.tier(), t.status(), t.ssoDomain(), Sql.ts(t.createdAt()),
                        Sql.ts(t.updatedAt()))
                .update();
    }

    /** The tenant with this id. */
    public Optional<Tenant> find(UUID id) {
        return jdbc.sql("select * from tenant where id = ?").param(id).query(TenantStore::row).optional();
    }

    /** The tenant with this slug. */
    public Optional<Tenant> findBySlug(String slug) {
        return jdbc.sql("select * from tenant where slug = ?").param(slug).query(TenantStore::row).optional();
    }

    /** The tenant that provisions SSO users of this e-mail domain. */
    public Optional<Tenant> findBySsoDomain(String domain) {
        return jdbc.sql("select * from tenant where sso_domain = lower(?)").param(domain).query(TenantStore::row)
                .optional();
    }

    /** Whether a slug is taken. */
    public boolean slugExists(String slug) {
        return jdbc.sql("select count(*) from tenant where slug = ?").param(slug).query(Integer.class).single() > 0;
    }

    /** Sets status and name; returns whether a row changed. Evicts the tenant's cached principals. */
    public boolean update(UUID id, String name, String status, Instant now) {
        users.evictTenantPrincipals(id);
        return jdbc.sql("update tenant set name = ?, status = ?, updated_at = ? where id = ?")
                .params(name, status, Sql.ts(now), id).update() == 1;
    }

    /**
     * A page of tenants in creation order.
     *
     * @param status filter, may be null
     * @param tier filter, may be null
     * @param after keyset position, may be null
     * @param limit rows
     */
    public List<Tenant> list(String status, String tier, Cursors.Position after, int limit) {
        StringBuilder sql = new StringBuilder("select * from tenant where true");
        List<Object> params = new ArrayList<>();
        if (status != null) {
            sql.append(" and status = ?");
            params.add(status);
        }
        if (tier != null) {
            sql.append(" and tier = ?");
            params.add(tier);
        }
        Sql.keysetPage(sql, params, after, limit);
        return jdbc.sql(sql.toString()).params(params).query(TenantStore::row).list();
    }

    private static Tenant row(ResultSet rs, int n) throws SQLException {
        return new Tenant(rs.getObject("id", UUID.class), rs.getString("slug"), rs.getString("name"),
                rs.getString("tier"), rs.getString("status"), rs.getString("sso_domain"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }
}
