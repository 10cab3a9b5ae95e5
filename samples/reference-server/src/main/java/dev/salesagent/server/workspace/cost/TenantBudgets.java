package dev.salesagent.server.workspace.cost;

import dev.salesagent.core.cost.Budget;
import dev.salesagent.server.platform.db.Sql;
import dev.salesagent.server.platform.db.TenantScope;
import dev.salesagent.server.platform.web.PlatformException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The tenants' budget definitions (table {@code cost_budget}) and alert webhooks. {@link #current()} is the
 * {@link dev.salesagent.core.cost.CostTracker}'s budget source: an in-memory snapshot of every tenant's budgets,
 * reloaded after a change on this instance and at least every {@code salesagent.costs.budget-refresh} (default 15 s)
 * so that other instances pick up changes too.
 */
@Service
public class TenantBudgets {

    /** Periods an administrator can set. */
    static final Set<String> PERIODS = Set.of("daily", "monthly");

    private final JdbcClient jdbc;
    private final TenantScope scope;
    private final Clock clock;
    private final Duration refresh;
    private volatile Snapshot snapshot;

    private record Snapshot(Instant loadedAt, List<Budget> budgets) {
    }

    TenantBudgets(JdbcClient jdbc, TenantScope scope, Clock clock,
                  @Value("${salesagent.costs.budget-refresh:15s}") Duration refresh) {
        this.jdbc = jdbc;
        this.scope = scope;
        this.clock = clock;
        this.refresh = refresh;
    }

    /**
     * One budget definition of a tenant.
     *
     * @param feature the feature it limits ({@code proposal}, {@code lead_scoring}, ...), null for all of them
     * @param period {@code daily} or {@code monthly} (calendar periods, UTC)
     * @param limitUsd hard limit in USD per period; a call whose worst-case cost would pass it is refused
     * @param alertThresholds percent of the limit at which an alert is emitted (audit + webhook), ascending
     */
    public record Definition(String feature, String period, BigDecimal limitUsd, List<Integer> alertThresholds) {
    }

    /**
     * Every tenant's budgets as the SDK's {@link Budget}s (tenant = tenant id), from the in-memory snapshot.
     *
     * @return the budgets in force
     */
    public List<Budget> current() {
        Snapshot s = snapshot;
        if (s == null || !clock.instant().isBefore(s.loadedAt().plus(refresh))) {
            s = reload();
        }
        return s.budgets();
    }

    /**
     * A tenant's budget definitions.
     *
     * @param tenantId the tenant
     * @return its definitions, tenant-wide first, then by feature and period
     */
    @Transactional(readOnly = true)
    public List<Definition> list(UUID tenantId) {
        scope.enter(tenantId);
        return jdbc.sql("select feature, period, limit_usd, alert_thresholds from cost_budget where tenant_id = ?"
                        + " order by feature, period")
                .param(tenantId)
                .query((rs, n) -> new Definition(rs.getString("feature").isEmpty() ? null : rs.getString("feature"),
                        rs.getString("period"), rs.getBigDecimal("limit_usd").stripTrailingZeros(),
                        thresholds(rs.getString("alert_thresholds"))))
                .list();
    }

    /**
     * Replaces a tenant's budget definitions (an empty list removes them all) and its alert webhook.
     *
     * @param tenantId the tenant
     * @param actorId the administrator
     * @param definitions the new definitions; at most one per feature and period
     * @param webhookUrl http(s) URL that receives the tenant's budget alerts, or null for none
     * @throws PlatformException 400 for a duplicate, an unknown period, a negative limit, a bad threshold or URL
     */
    @Transactional
    public void replace(UUID tenantId, UUID actorId, List<Definition> definitions, String webhookUrl) {
        validate(definitions, webhookUrl);
        scope.enter(tenantId);
        jdbc.sql("delete from cost_budget where tenant_id = ?").param(tenantId).update();
        Instant now = clock.instant();
        for (Definition d : definitions) {
            jdbc.sql("""
                    insert into cost_budget (tenant_id, feature, period, limit_usd, alert_thresholds, updated_at, updated_by)
                    values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(tenantId, d.feature() == null ? "" : d.feature(), d.period().toLowerCase(Locale.ROOT),
                            d.limitUsd(), d.alertThresholds() == null ? "" : d.alertThresholds().stream()
                                    .sorted().map(String::valueOf).collect(Collectors.joining(",")),
                            Sql.ts(now), actorId)
                    .update();
        }
        jdbc.sql("delete from cost_alert_webhook where tenant_id = ?").param(tenantId).update();
        if (webhookUrl != null && !webhookUrl.isBlank()) {
            jdbc.sql("insert into cost_alert_webhook (tenant_id, url, updated_at) values (?, ?, ?)")
                    .params(tenantId, webhookUrl, Sql.ts(now)).update();
        }
        snapshot = null;
        // and once more after commit, so that a reload racing this transaction does not keep the old budgets
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                snapshot = null;
            }
        });
    }

    /**
     * The tenant's alert webhook.
     *
     * @param tenantId the tenant
     * @return the URL, if one is set
     */
    @Transactional(readOnly = true)
    public Optional<String> webhook(UUID tenantId) {
        scope.enter(tenantId);
        return jdbc.sql("select url from cost_alert_webhook where tenant_id = ?").param(tenantId).query(String.class)
                .optional();
    }

    private synchronized Snapshot reload() {
        Snapshot s = snapshot;
        Instant now = clock.instant();
        if (s != null && now.isBefore(s.loadedAt().plus(refresh))) {
            return s;
        }
        List<Budget> budgets = jdbc.sql("select tenant_id, feature, period, limit_usd, alert_thresholds from cost_budget")
                .query((rs, n) -> toBudget(rs.getObject("tenant_id", UUID.class), rs.getString("feature"),
                        rs.getString("period"), rs.getBigDecimal("limit_usd"), thresholds(rs.getString("alert_thresholds"))))
                .list();
        s = new Snapshot(now, List.copyOf(budgets));
        snapshot = s;
        return s;
    }

    /** The SDK budget of one definition; its id names tenant, feature and period. */
    static Budget toBudget(UUID tenantId, String feature, String period, BigDecimal limit, List<Integer> thresholds) {
        Budget.Builder b = Budget.forTenant(tenantId.toString()).feature(feature == null || feature.isEmpty() ? null : feature)
                .hardLimitUsd(limit).alertAtPercent(thresholds.stream().mapToInt(Integer::intValue).toArray());
        if ("monthly".equals(period)) {
            b.monthly();
        } else {
            b.daily();
        }
        return b.build();
    }

    private static List<Integer> thresholds(String csv) {
        return csv == null || csv.isBlank() ? List.of()
                : Arrays.stream(csv.split(",")).map(String::trim).map(Integer::valueOf).toList();
    }

    private static void validate(List<Definition> definitions, String webhookUrl) {
        Set<String> seen = new HashSet<>();
        for (Definition d : definitions) {
            String period = d.period() == null ? null : d.period().toLowerCase(Locale.ROOT);
            if (period == null || !PERIODS.contains(period)) {
                throw PlatformException.badRequest("period must be daily or monthly but was '" + d.period() + "'");
            }
            if (d.limitUsd() == null || d.limitUsd().signum() < 0) {
                throw PlatformException.badRequest("limit_usd must be >= 0 but was " + d.limitUsd());
            }
            if (d.feature() != null && (d.feature().isBlank() || d.feature().length() > 100)) {
                throw PlatformException.badRequest("feature must be 1-100 characters, or null for every feature");
            }
            if (d.alertThresholds() != null) {
                for (Integer t : d.alertThresholds()) {
                    if (t == null || t <= 0 || t > 1000) {
                        throw PlatformException.badRequest("alert thresholds are percents 1-1000 but one was " + t);
                    }
                }
                if (!d.alertThresholds().isEmpty() && d.limitUsd().signum() == 0) {
                    throw PlatformException.badRequest("alert thresholds need a limit_usd above 0");
                }
            }
            if (!seen.add((d.feature() == null ? "" : d.feature()) + "/" + period)) {
                throw PlatformException.badRequest("two budgets for feature " + (d.feature() == null ? "(all)"
                        : d.feature()) + " and period " + period);
            }
        }
        if (webhookUrl != null && !webhookUrl.isBlank()) {
            URI uri;
            try {
                uri = URI.create(webhookUrl);
            } catch (IllegalArgumentException e) {
                throw PlatformException.badRequest("alert_webhook_url is not a URL: " + webhookUrl);
            }
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                throw PlatformException.badRequest("alert_webhook_url must be an http(s) URL but was " + webhookUrl);
            }
        }
    }
}
