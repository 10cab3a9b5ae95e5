package dev.salesagent.server.workspace.cost;

import dev.salesagent.agents.sales.Features;
import dev.salesagent.core.cost.CostTracker;
import dev.salesagent.core.cost.OutcomeCost;
import dev.salesagent.core.cost.UsageStore;
import dev.salesagent.server.platform.security.PlatformAuthentication;
import dev.salesagent.server.platform.web.PlatformException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The tenant's AI spend over a period, grouped by user, feature, model or UTC day, from the SDK's usage records. */
@RestController
@RequestMapping("/api/v1/costs")
@Tag(name = "Costs and budgets")
class CostController {

    /** Features whose cost per outcome (per scored lead, per proposal) the report shows. */
    static final List<String> OUTCOME_FEATURES = List.of(Features.LEAD_SCORING, Features.PROPOSAL);

    private static final Map<String, UsageStore.Dimension> GROUPS = Map.of("user", UsageStore.Dimension.USER,
            "feature", UsageStore.Dimension.FEATURE, "model", UsageStore.Dimension.MODEL, "day",
            UsageStore.Dimension.DAY);

    private final CostTracker tracker;
    private final Clock clock;

    CostController(CostTracker tracker, Clock clock) {
        this.tracker = tracker;
        this.clock = clock;
    }

    /**
     * Sums of one group. Amounts are exact decimal strings in USD.
     *
     * @param key the group's user id, feature, model or UTC date ({@code ""} for records without one)
     * @param calls model calls and cache hits
     * @param cacheHits answers served from the response cache
     * @param unpricedCalls calls of models without a price (counted as 0 USD)
     * @param inputTokens prompt tokens
     * @param cachedInputTokens prompt tokens read from the provider's prompt cache
     * @param outputTokens completion tokens
     * @param costUsd cost in USD
     */
    record Group(String key, long calls, long cacheHits, long unpricedCalls, long inputTokens, long cachedInputTokens,
                 long outputTokens, String costUsd) {
        static Group of(String key, UsageStore.Totals t) {
            return new Group(key, t.calls(), t.cacheHits(), t.unpricedCalls(), t.inputTokens(), t.cachedInputTokens(),
                    t.outputTokens(), Usd.format(t.costUsd()));
        }
    }

    /**
     * Cost of one feature's outcomes in the period.
     *
     * @param feature {@code lead_scoring} (per scored lead) or {@code proposal} (per proposal)
     * @param outcomes outcomes reported since this server started
     * @param costUsd the feature's spend, USD
     * @param usdPerOutcome spend divided by outcomes, USD; absent without outcomes
     */
    record PerOutcome(String feature, long outcomes, String costUsd, String usdPerOutcome) {
        static PerOutcome of(OutcomeCost c) {
            return new PerOutcome(c.feature(), c.outcomes(), Usd.format(c.costUsd()),
                    c.usdPerOutcome().map(Usd::format).orElse(null));
        }
    }

    /**
     * The report.
     *
     * @param groupBy the grouping
     * @param from first instant included
     * @param to first instant excluded
     * @param currency always USD
     * @param total sums over the period
     * @param groups sums per group, sorted by key
     * @param perOutcome cost per scored lead and per proposal
     */
    record Report(String groupBy, Instant from, Instant to, String currency, Group total, List<Group> groups,
                  List<PerOutcome> perOutcome) {
    }

    @GetMapping
    @PreAuthorize("hasAuthority('costs:read')")
    @Operation(summary = "AI spend of the tenant grouped by user, feature, model or day",
            description = "Exact sums (USD as decimal strings, tokens in/out, cache hits) over the SDK's usage records "
                    + "with from <= time < to. from/to take an ISO instant or a date (UTC midnight); default the "
                    + "current calendar month up to now.")
    Report costs(@Parameter(description = "user, feature, model or day") @RequestParam(defaultValue = "feature")
                 String groupBy,
                 @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        UsageStore.Dimension dimension = GROUPS.get(groupBy.toLowerCase(Locale.ROOT));
        if (dimension == null) {
            throw PlatformException.badRequest("groupBy must be user, feature, model or day but was '" + groupBy + "'");
        }
        Instant now = clock.instant();
        Instant start = from == null ? LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1)
                .atStartOfDay(ZoneOffset.UTC).toInstant() : instant("from", from);
        Instant end = to == null ? now : instant("to", to);
        if (!start.isBefore(end)) {
            throw PlatformException.badRequest("from must be before to");
        }
        String tenant = PlatformAuthentication.require().tenantId().toString();
        UsageStore.Query query = UsageStore.Query.all().tenant(tenant).between(start, end);
        List<Group> groups = tracker.totalsBy(dimension, query).entrySet().stream()
                .map(e -> Group.of(e.getKey(), e.getValue())).toList();
        List<PerOutcome> perOutcome = OUTCOME_FEATURES.stream()
                .map(f -> PerOutcome.of(tracker.costPerOutcome(tenant, f, start, end))).toList();
        return new Report(groupBy.toLowerCase(Locale.ROOT), start, end, "USD", Group.of("total", tracker.totals(query)),
                groups, perOutcome);
    }

    private static Instant instant(String name, String value) {
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeException e) {
            throw PlatformException.badRequest(name + " must be an ISO instant (2026-11-21T00:00:00Z) or date "
                    + "(2026-11-21) but was '" + value + "'");
        }
    }

}
