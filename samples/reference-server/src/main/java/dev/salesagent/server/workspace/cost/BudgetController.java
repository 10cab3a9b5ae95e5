package dev.salesagent.server.workspace.cost;

import dev.salesagent.core.cost.Budget;
import dev.salesagent.core.cost.CostTracker;
import dev.salesagent.server.platform.audit.AuditTrail;
import dev.salesagent.server.platform.security.CurrentUser;
import dev.salesagent.server.platform.security.PlatformAuthentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The tenant's budgets: hard limits per tenant or feature and period, with alert thresholds and an alert webhook. */
@RestController
@RequestMapping("/api/v1/budgets")
@Tag(name = "Costs and budgets")
class BudgetController {

    private final TenantBudgets budgets;
    private final CostTracker tracker;
    private final AuditTrail audit;

    BudgetController(TenantBudgets budgets, CostTracker tracker, AuditTrail audit) {
        this.budgets = budgets;
        this.tracker = tracker;
        this.audit = audit;
    }

    /**
     * Body of {@code PUT /api/v1/budgets}: the tenant's complete set of budgets.
     *
     * @param budgets the budgets (an empty list removes every budget)
     * @param alertWebhookUrl http(s) URL that receives alerts as JSON POSTs, or null for none
     */
    record BudgetSet(@NotNull @Size(max = 50) List<TenantBudgets.@Valid Definition> budgets,
                     @Size(max = 2000) String alertWebhookUrl) {
    }

    /**
     * One budget with its state in the current period.
     *
     * @param feature feature limited, null for all
     * @param period daily or monthly
     * @param limitUsd hard limit, USD
     * @param alertThresholds alert thresholds in percent
     * @param periodStart start of the current period
     * @param spentUsd settled spend in the period, USD
     * @param reservedUsd worst-case cost of calls in flight, USD
     */
    record BudgetState(String feature, String period, String limitUsd, List<Integer> alertThresholds,
                       Instant periodStart, String spentUsd, String reservedUsd) {
    }

    /**
     * The budgets and webhook.
     *
     * @param budgets budgets with their current period's state
     * @param alertWebhookUrl the alert webhook, if set
     */
    record BudgetView(List<BudgetState> budgets, String alertWebhookUrl) {
    }

    @GetMapping
    @PreAuthorize("hasAuthority('costs:read')")
    @Operation(summary = "The tenant's budgets with spent and reserved USD of the current period")
    BudgetView get() {
        return view(PlatformAuthentication.require().tenantId());
    }

    @PutMapping
    @PreAuthorize("hasAuthority('budgets:manage')")
    @Operation(summary = "Replace the tenant's budgets and alert webhook",
            description = "Hard limits: a model call whose worst-case cost would pass one is refused before it is "
                    + "sent (402 budget-exceeded). Alerts at the thresholds are audited (budget.alert) and POSTed to "
                    + "the webhook.")
    BudgetView put(@Valid @RequestBody BudgetSet body) {
        CurrentUser user = PlatformAuthentication.require();
        budgets.replace(user.tenantId(), user.id(), body.budgets(), body.alertWebhookUrl());
        audit.record("budgets.update", "tenant", user.tenantId(), Map.of("budgets", body.budgets().size(),
                "alert_webhook", body.alertWebhookUrl() != null && !body.alertWebhookUrl().isBlank()));
        return view(user.tenantId());
    }

    private BudgetView view(UUID tenantId) {
        List<BudgetState> states = budgets.list(tenantId).stream().map(d -> {
            Budget budget = tracker.budgets().stream()
                    .filter(b -> b.id().equals(TenantBudgets.toBudget(tenantId, d.feature(), d.period(), d.limitUsd(),
                            d.alertThresholds()).id()))
                    .findFirst().orElse(null);
            Budget.Status status = budget == null ? null : tracker.budgetStatus(budget);
            return new BudgetState(d.feature(), d.period(), Usd.format(d.limitUsd()), d.alertThresholds(),
                    status == null ? null : status.periodStart(),
                    status == null ? "0" : Usd.format(status.spentUsd()),
                    status == null ? "0" : Usd.format(status.reservedUsd()));
        }).toList();
        return new BudgetView(states, budgets.webhook(tenantId).orElse(null));
    }
}
