package dev.salesagent.server.workspace.cost;

import dev.salesagent.core.cost.Budget;
import dev.salesagent.server.platform.audit.AuditTrail;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Budget alerts of the tenants' budgets: each threshold crossed (once per budget period, across instances, as the
 * SDK's ledger guarantees) becomes an audit event {@code budget.alert} in the tenant's chain and a JSON {@code POST} to
 * the tenant's alert webhook, if one is set. The POST runs on a small background pool so the model call that crossed
 * the threshold is not held up; a failed POST is logged with its status and not retried.
 */
@Component
class BudgetAlerts implements Budget.AlertListener, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BudgetAlerts.class);

    private final AuditTrail audit;
    private final TenantBudgets budgets;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService senders = new ThreadPoolExecutor(1, 2, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(1000), r -> {
                Thread t = new Thread(r, "budget-alert-webhook");
                t.setDaemon(true);
                return t;
            });

    BudgetAlerts(AuditTrail audit, TenantBudgets budgets, JsonMapper json) {
        this.audit = audit;
        this.budgets = budgets;
        this.json = json;
    }

    @Override
    public void onAlert(Budget.Alert alert) {
        UUID tenantId = tenantOf(alert.budget());
        if (tenantId == null) {
            return; // not one of the tenants' budgets
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("budget_id", alert.budget().id());
        details.put("feature", alert.budget().feature().orElse(null));
        details.put("period", alert.budget().period().name().toLowerCase());
        details.put("threshold_percent", alert.thresholdPercent());
        details.put("threshold_usd", Usd.format(alert.thresholdUsd()));
        details.put("limit_usd", alert.budget().hardLimitUsd().map(Usd::format).orElse(null));
        details.put("spent_usd", Usd.format(alert.spentUsd()));
        details.put("period_start", alert.periodStart().toString());
        audit.record(tenantId, null, "budget.alert", "budget", alert.budget().id(), details);
        Optional<String> url = budgets.webhook(tenantId);
        if (url.isEmpty()) {
            return;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", "budget.alert");
        payload.put("tenant_id", tenantId.toString());
        payload.putAll(details);
        String body = json.writeValueAsString(payload);
        senders.execute(() -> post(url.get(), body, alert.budget().id()));
    }

    private void post(String url, String body, String budgetId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("User-Agent", "salesagent-budget-alerts")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                log.warn("Budget alert webhook for {} answered HTTP {}", budgetId, response.statusCode());
            }
        } catch (java.io.IOException e) {
            log.warn("Budget alert webhook for {} failed: {}", budgetId, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static UUID tenantOf(Budget budget) {
        try {
            return UUID.fromString(budget.tenant());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public void destroy() {
        senders.shutdown();
    }
}
