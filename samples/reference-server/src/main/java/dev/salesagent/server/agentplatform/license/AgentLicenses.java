package dev.salesagent.server.agentplatform.license;

import dev.salesagent.server.agentplatform.graph.AssistantRegistry;
import dev.salesagent.server.platform.audit.AuditTrail;
import dev.salesagent.server.platform.db.Sql;
import dev.salesagent.server.platform.tenant.TenantService;
import dev.salesagent.server.platform.web.PlatformException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Per-tenant licensing of the agent platform (migration V42): which assistants (graph ids) a tenant may run and how
 * many runs it may create per calendar month (UTC). A tenant without a license row may run every assistant without a
 * monthly limit. A platform admin sets the license ({@code PUT /api/v1/platform/tenants/{id}/agent-license}, audited
 * as {@code agent-license.updated} in the tenant's chain); every run create checks it ({@link #requireLicensed}) and
 * counts itself ({@link #countRun}) with one conditional upsert on {@code lg_run_usage}, so instances sharing the
 * database never admit more runs than the limit.
 */
@Service
public class AgentLicenses {

    /**
     * A tenant's license.
     *
     * @param tenantId     the tenant
     * @param assistants   the graph ids it may run (sorted), or null for every assistant
     * @param runsPerMonth runs it may create per calendar month (UTC), or null for no limit
     * @param updatedAt    when a platform admin last set it (null for the default of a tenant without a license)
     * @param updatedBy    who set it (null for the default)
     */
    public record License(UUID tenantId, List<String> assistants, Integer runsPerMonth, Instant updatedAt,
                          UUID updatedBy) {

        /** {@return whether the license allows the graph} */
        public boolean allows(String graphId) {
            return assistants == null || assistants.contains(graphId);
        }
    }

    /**
     * Runs counted in one period.
     *
     * @param period   the first day of the calendar month (UTC)
     * @param runs     runs created in the period
     * @param resetsAt the first instant of the next period
     */
    public record Usage(LocalDate period, int runs, Instant resetsAt) {
    }

    private final JdbcClient jdbc;
    private final AssistantRegistry registry;
    private final TenantService tenants;
    private final AuditTrail audit;
    private final Clock clock;

    AgentLicenses(JdbcClient jdbc, AssistantRegistry registry, TenantService tenants, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.tenants = tenants;
        this.audit = audit;
        this.clock = clock;
    }

    /** {@return the tenant's license, or the default (every assistant, no limit) when none was set} */
    @Transactional(readOnly = true)
    public License license(UUID tenantId) {
        return jdbc.sql("select * from lg_license where tenant_id = ?").param(tenantId)
                .query(AgentLicenses::row).optional()
                .orElse(new License(tenantId, null, null, null, null));
    }

    /**
     * Sets a tenant's license and records {@code agent-license.updated} in the tenant's audit chain.
     *
     * @param tenantId     the tenant
     * @param assistants   graph ids (or assistant ids) the tenant may run, or null for every assistant
     * @param runsPerMonth runs per calendar month (UTC), at least 0, or null for no limit
     * @param actorId      the platform admin
     * @return the stored license
     * @throws PlatformException 404 unknown tenant, 422 an unknown assistant or a negative limit
     */
    @Transactional
    public License set(UUID tenantId, List<String> assistants, Integer runsPerMonth, UUID actorId) {
        tenants.get(tenantId);
        if (runsPerMonth != null && runsPerMonth < 0) {
            throw invalid("runs_per_month must be at least 0 but was " + runsPerMonth);
        }
        List<String> graphs = null;
        if (assistants != null) {
            TreeSet<String> ids = new TreeSet<>();
            List<String> unknown = new ArrayList<>();
            for (String a : assistants) {
                registry.find(a == null ? "" : a).ifPresentOrElse(p -> ids.add(p.graphId()), () -> unknown.add(a));
            }
            if (!unknown.isEmpty()) {
                throw invalid("unknown assistants " + unknown + " (served: "
                        + new TreeSet<>(registry.providers().stream().map(p -> p.graphId()).toList()) + ")");
            }
            graphs = List.copyOf(ids);
        }
        Instant now = clock.instant();
        jdbc.sql("""
                insert into lg_license (tenant_id, assistants, runs_per_month, updated_at, updated_by)
                values (?, ?::text[], ?, ?, ?)
                on conflict (tenant_id) do update set assistants = excluded.assistants,
                    runs_per_month = excluded.runs_per_month, updated_at = excluded.updated_at,
                    updated_by = excluded.updated_by""")
                .params(tenantId, graphs == null ? null : Sql.textArray(graphs), runsPerMonth, Sql.ts(now), actorId)
                .update();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("assistants", graphs == null ? "all" : graphs);
        details.put("runs_per_month", runsPerMonth == null ? "unlimited" : runsPerMonth);
        audit.record(tenantId, actorId, "agent-license.updated", "tenant", tenantId, details);
        return license(tenantId);
    }

    /** {@return the runs the tenant created in the current period} */
    @Transactional(readOnly = true)
    public Usage usage(UUID tenantId) {
        LocalDate period = period();
        int runs = jdbc.sql("select runs from lg_run_usage where tenant_id = ? and period = ?")
                .params(tenantId, period).query(Integer.class).optional().orElse(0);
        return new Usage(period, runs, resetsAt(period));
    }

    /**
     * Checks that the tenant may run a graph.
     *
     * @param tenantId the tenant
     * @param graphId  the graph
     * @throws PlatformException 403 {@code assistant-not-licensed}
     */
    public void requireLicensed(UUID tenantId, String graphId) {
        License license = license(tenantId);
        if (!license.allows(graphId)) {
            throw new PlatformException(HttpStatus.FORBIDDEN, "assistant-not-licensed", "Assistant not licensed",
                    "Your tenant's license does not include assistant '" + graphId + "' (licensed: "
                            + license.assistants() + "); a platform administrator can change the license.");
        }
    }

    /**
     * Counts one run against the tenant's monthly limit, in the caller's transaction (so a run create that fails
     * later is not counted): one conditional upsert, atomic across instances sharing the database.
     *
     * @param tenantId the tenant
     * @throws RunQuotaExceededException 429 when the period's runs reached the limit
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void countRun(UUID tenantId) {
        Integer limit = license(tenantId).runsPerMonth();
        LocalDate period = period();
        int admitted;
        if (limit == null) {
            admitted = jdbc.sql("""
                    insert into lg_run_usage (tenant_id, period, runs) values (?, ?, 1)
                    on conflict (tenant_id, period) do update set runs = lg_run_usage.runs + 1""")
                    .params(tenantId, period).update();
        } else if (limit == 0) {
            admitted = 0;
        } else {
            admitted = jdbc.sql("""
                    insert into lg_run_usage (tenant_id, period, runs) values (?, ?, 1)
                    on conflict (tenant_id, period) do update set runs = lg_run_usage.runs + 1
                    where lg_run_usage.runs < ?""")
                    .params(tenantId, period, limit).update();
        }
        if (admitted == 0) {
            throw new RunQuotaExceededException(limit, period, resetsAt(period));
        }
    }

    private LocalDate period() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).withDayOfMonth(1);
    }

    private static Instant resetsAt(LocalDate period) {
        return period.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static License row(ResultSet rs, int n) throws SQLException {
        Array array = rs.getArray("assistants");
        List<String> assistants = array == null ? null : Arrays.asList((String[]) array.getArray());
        int limit = rs.getInt("runs_per_month");
        Integer runsPerMonth = rs.wasNull() ? null : limit;
        return new License(rs.getObject("tenant_id", UUID.class), assistants == null ? null : List.copyOf(assistants),
                runsPerMonth, Sql.instant(rs, "updated_at"), rs.getObject("updated_by", UUID.class));
    }

    private static PlatformException invalid(String detail) {
        return new PlatformException(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-license", "Invalid license", detail);
    }

}
