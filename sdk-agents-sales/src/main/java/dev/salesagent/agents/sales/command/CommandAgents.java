package dev.salesagent.agents.sales.command;

import dev.salesagent.crm.Account;
import dev.salesagent.crm.InventoryLevel;
import dev.salesagent.crm.Opportunity;
import dev.salesagent.crm.Product;
import dev.salesagent.crm.SalesOrder;
import dev.salesagent.crm.SalesOrderLine;
import dev.salesagent.crm.SalesOrderStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The order, pipeline, customer, product and insight agents over a {@link SalesSnapshot}. Every number is computed
 * here from the snapshot, exactly ({@link BigDecimal} USD; averages and percentages rounded half-up to 2 and 1
 * decimals). Thread-safe (stateless apart from the inventory lookup).
 *
 * <p>Definitions: revenue = sum of order totals (orders) or of line quantity x unit price (products); average order
 * value = revenue / orders; average selling price = line revenue / units; an order's region is its custom field
 * {@code region}, else its account's. Opportunity stage probabilities (weighted forecast) are Salesforce's defaults
 * unless the opportunity has a numeric {@code probability} custom field (0-100). A deal is stuck when open and its
 * stage has not changed for {@link #STUCK_DAYS} days (custom field {@code stageChangedAt}, ISO date, else
 * {@code updatedAt}).
 *
 * <p>Anomalies: daily revenue in the period, each day compared with the {@link #BASELINE_DAYS} days before it (a
 * trailing z-score): a day is anomalous when the baseline's sample standard deviation is positive and
 * {@code |x - mean| / sd >= }{@link #Z_THRESHOLD}. Days without orders count as 0.
 */
public final class CommandAgents {

    /** Days without a stage change after which an open deal is stuck. */
    public static final int STUCK_DAYS = 30;
    /** Trailing days of the anomaly baseline. */
    public static final int BASELINE_DAYS = 28;
    /** The z-score from which a day is anomalous. */
    public static final double Z_THRESHOLD = 3.0;
    /** Rows listed when the question gives no limit. */
    public static final int DEFAULT_LIMIT = 10;

    static final Map<String, Integer> STAGE_PROBABILITY = Map.ofEntries(
            Map.entry("prospecting", 10), Map.entry("qualification", 10), Map.entry("needs analysis", 20),
            Map.entry("value proposition", 50), Map.entry("id. decision makers", 60),
            Map.entry("perception analysis", 70), Map.entry("proposal/price quote", 75),
            Map.entry("negotiation/review", 90), Map.entry("closed won", 100), Map.entry("closed lost", 0));

    private final SalesSnapshot data;
    private final Function<String, List<InventoryLevel>> inventory;
    private final Map<String, Account> accounts;
    private final Map<String, Product> products;

    /**
     * Agents over {@code data}.
     *
     * @param data      the snapshot every answer is computed from, not null
     * @param inventory availability per SKU (e.g. {@code sku -> crm.inventory().availability(sku)}), called for
     *                  inventory questions only; not null
     * @throws NullPointerException if an argument is null
     */
    public CommandAgents(SalesSnapshot data, Function<String, List<InventoryLevel>> inventory) {
        this.data = Objects.requireNonNull(data, "data");
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.accounts = data.accountsById();
        this.products = data.productsBySku();
    }

    /** {@return the snapshot the agents compute over} */
    public SalesSnapshot data() {
        return data;
    }

    /**
     * Answers one intent of a routed question.
     *
     * @param intent one of the query's intents other than {@code create_transaction}
     * @param q      the routed question (its entities filter the data)
     * @param asOf   the as-of day (aging, stuck deals, default periods)
     * @return the answer of agent {@code order}, {@code pipeline}, {@code customer}, {@code product} or
     *         {@code insight} ({@code router} for {@code unknown}); amounts in USD
     * @throws IllegalArgumentException for {@code create_transaction} (use the transaction graph)
     */
    public Answer answer(Intent intent, RoutedQuery q, LocalDate asOf) {
        QueryEntities e = q.entities();
        return switch (intent) {
            case ORDER_STATUS -> orders(e, asOf);
            case PIPELINE_QUERY -> pipeline(e, asOf);
            case CUSTOMER_QUERY -> customers(e, asOf);
            case PRODUCT_QUERY -> products(e);
            case INSIGHT_REQUEST -> insight(e, asOf);
            case UNKNOWN -> Answer.text("router", "I can answer questions about orders, pipeline, customers, "
                    + "products and insights, or draft a sales order. Try \"pending orders this month\".");
            case CREATE_TRANSACTION -> throw new IllegalArgumentException(
                    "create_transaction goes to the transaction graph, not to a query agent");
        };
    }

    // ------------------------------------------------------------------ orders

    /** Orders matching the entities (customer, status, period, region, amounts, product or category). */
    List<SalesOrder> orders(QueryEntities e) {
        Predicate<SalesOrder> p = o -> true;
        if (e.customer() != null) {
            p = p.and(o -> e.customer().equalsIgnoreCase(customerName(o)));
        }
        if (e.status() != null) {
            SalesOrderStatus s = SalesOrderStatus.valueOf(e.status().toUpperCase(Locale.ROOT));
            p = p.and(o -> o.status() == s);
        }
        if (e.period() != null) {
            p = p.and(o -> e.period().contains(o.orderDate()));
        }
        if (e.region() != null) {
            p = p.and(o -> e.region().equalsIgnoreCase(region(o)));
        }
        if (e.amountMin() != null) {
            p = p.and(o -> o.total().compareTo(e.amountMin()) >= 0);
        }
        if (e.amountMax() != null) {
            p = p.and(o -> o.total().compareTo(e.amountMax()) <= 0);
        }
        if (e.product() != null) {
            p = p.and(o -> o.lines().stream().anyMatch(l -> productMatches(l, e.product())));
        }
        return data.orders().stream().filter(p).toList();
    }

    private Answer orders(QueryEntities e, LocalDate asOf) {
        List<SalesOrder> found = orders(e);
        BigDecimal revenue = sum(found, SalesOrder::total);
        String scope = scope(e);
        if ("aging".equals(e.metric())) {
            List<SalesOrder> open = found.stream().filter(o -> o.status() == SalesOrderStatus.PENDING
                    || o.status() == SalesOrderStatus.PARTIALLY_FULFILLED).toList();
            String[] buckets = {"0-30 days", "31-60 days", "61-90 days", "over 90 days"};
            long[] counts = new long[4];
            BigDecimal[] totals = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
            for (SalesOrder o : open) {
                long age = ChronoUnit.DAYS.between(o.orderDate(), asOf);
                int b = age <= 30 ? 0 : age <= 60 ? 1 : age <= 90 ? 2 : 3;
                counts[b]++;
                totals[b] = totals[b].add(o.total());
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                rows.add(row("bucket", buckets[i], "orders", counts[i], "total_usd", totals[i]));
            }
            return new Answer("order", open.size() + " open orders" + scope + " worth " + usd(sum(open,
                    SalesOrder::total)) + ", aged as of " + asOf + ".", rows, ChartSpec.of("bar", "Open orders by age",
                    List.of(buckets), "Orders", java.util.Arrays.stream(counts).mapToObj(BigDecimal::valueOf).toList()));
        }
        String text = found.size() + " orders" + scope + " totalling " + usd(revenue)
                + (found.isEmpty() ? "" : " (average order value " + usd(avg(revenue, found.size())) + ")") + ".";
        if ("average_order_value".equals(e.metric())) {
            text = "Average order value" + scope + ": " + usd(avg(revenue, found.size())) + " over " + found.size()
                    + " orders (" + usd(revenue) + ").";
        }
        int limit = e.limit() != null ? e.limit() : 20;
        Comparator<SalesOrder> order = e.limit() != null && e.metric() == null || "revenue".equals(e.metric())
                && e.limit() != null ? Comparator.comparing(SalesOrder::total).reversed()
                : Comparator.comparing(SalesOrder::orderDate).reversed();
        List<Map<String, Object>> rows = found.stream().sorted(order.thenComparing(o -> o.id().value()))
                .limit(limit).map(o -> row("order_id", orderNumber(o), "customer", customerName(o), "order_date",
                        o.orderDate(), "status", o.status().name().toLowerCase(Locale.ROOT), "total_usd", o.total()))
                .toList();
        TreeMap<String, BigDecimal> byMonth = new TreeMap<>();
        found.forEach(o -> byMonth.merge(o.orderDate().toString().substring(0, 7), o.total(), BigDecimal::add));
        return new Answer("order", text, rows, ChartSpec.of("bar", "Order revenue by month", List.copyOf(byMonth
                .keySet()), "Revenue (USD)", List.copyOf(byMonth.values())));
    }

    // ------------------------------------------------------------------ pipeline

    List<Opportunity> opportunities(QueryEntities e) {
        Predicate<Opportunity> p = o -> true;
        if (e.stage() != null) {
            p = p.and(o -> e.stage().equalsIgnoreCase(o.stage()));
        }
        if (e.customer() != null) {
            p = p.and(o -> o.accountId() != null && accounts.containsKey(o.accountId().value())
                    && e.customer().equalsIgnoreCase(accounts.get(o.accountId().value()).name()));
        }
        if (e.period() != null) {
            p = p.and(o -> e.period().contains(o.closeDate()));
        }
        if (e.amountMin() != null) {
            p = p.and(o -> o.amount() != null && o.amount().compareTo(e.amountMin()) >= 0);
        }
        if (e.amountMax() != null) {
            p = p.and(o -> o.amount() != null && o.amount().compareTo(e.amountMax()) <= 0);
        }
        return data.opportunities().stream().filter(p).toList();
    }

    /**
     * Whether a deal is closed (won or lost): its stage starts with "closed", case-insensitive.
     *
     * @param o the opportunity, not null
     * @return true for a closed deal
     */
    public static boolean closed(Opportunity o) {
        return o.stage() != null && o.stage().toLowerCase(Locale.ROOT).startsWith("closed");
    }

    /**
     * Whether a deal is won: its stage contains "won", case-insensitive.
     *
     * @param o the opportunity, not null
     * @return true for a won deal
     */
    public static boolean won(Opportunity o) {
        return o.stage() != null && o.stage().toLowerCase(Locale.ROOT).contains("won");
    }

    /**
     * The win probability the weighted forecast uses for a deal: its numeric {@code probability} custom field, else
     * the Salesforce default of its stage (case-insensitive; 0 for an unknown stage).
     *
     * @param o the opportunity, not null
     * @return the probability in percent, 0-100
     */
    public static int probability(Opportunity o) {
        Object p = o.customFields().get("probability");
        if (p instanceof Number n) {
            return n.intValue();
        }
        return STAGE_PROBABILITY.getOrDefault(o.stage() == null ? "" : o.stage().toLowerCase(Locale.ROOT), 0);
    }

    static LocalDate stageChanged(Opportunity o) {
        Object v = o.customFields().get("stageChangedAt");
        if (v instanceof String s && !s.isBlank()) {
            return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
        }
        return o.updatedAt() == null ? null : LocalDate.ofInstant(o.updatedAt(), java.time.ZoneOffset.UTC);
    }

    private Answer pipeline(QueryEntities e, LocalDate asOf) {
        List<Opportunity> found = opportunities(e);
        String scope = scope(e);
        if ("win_rate".equals(e.metric())) {
            long w = found.stream().filter(CommandAgents::won).count();
            long closed = found.stream().filter(CommandAgents::closed).count();
            BigDecimal rate = closed == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(w * 100).divide(
                    BigDecimal.valueOf(closed), 1, RoundingMode.HALF_UP);
            return new Answer("pipeline", "Win rate" + scope + ": " + rate + "% (" + w + " won of " + closed
                    + " closed deals).", List.of(row("won", w, "lost", closed - w, "win_rate_percent", rate)),
                    ChartSpec.of("pie", "Closed deals", List.of("Won", "Lost"), "Deals",
                            List.of(BigDecimal.valueOf(w), BigDecimal.valueOf(closed - w))));
        }
        if ("stuck".equals(e.metric())) {
            List<Opportunity> stuck = stuck(found, asOf);
            List<Map<String, Object>> rows = stuck.stream().map(o -> row("opportunity", o.name(), "stage", o.stage(),
                    "amount_usd", o.amount(), "days_in_stage", ChronoUnit.DAYS.between(stageChanged(o), asOf)))
                    .toList();
            return new Answer("pipeline", stuck.size() + " open deals" + scope + " have not changed stage for "
                    + STUCK_DAYS + "+ days, worth " + usd(sum(stuck, Opportunity::amount)) + ".", rows,
                    ChartSpec.of("bar", "Days in stage", stuck.stream().map(Opportunity::name).toList(), "Days",
                            rows.stream().map(r -> BigDecimal.valueOf((Long) r.get("days_in_stage"))).toList()));
        }
        List<Opportunity> open = found.stream().filter(o -> !closed(o)).toList();
        BigDecimal weighted = open.stream().filter(o -> o.amount() != null)
                .map(o -> o.amount().multiply(BigDecimal.valueOf(probability(o))).divide(BigDecimal.valueOf(100)))
                .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.HALF_UP);
        Map<String, List<Opportunity>> byStage = found.stream().collect(Collectors.groupingBy(
                o -> o.stage() == null ? "(none)" : o.stage(), TreeMap::new, Collectors.toList()));
        List<Map<String, Object>> rows = new ArrayList<>();
        byStage.forEach((s, list) -> rows.add(row("stage", s, "deals", (long) list.size(), "amount_usd",
                sum(list, Opportunity::amount))));
        String text = found.size() + " deals" + scope + " worth " + usd(sum(found, Opportunity::amount)) + "; "
                + open.size() + " open worth " + usd(sum(open, Opportunity::amount)) + ", weighted forecast "
                + usd(weighted) + ".";
        if ("weighted_forecast".equals(e.metric())) {
            text = "Weighted forecast" + scope + ": " + usd(weighted) + " from " + open.size() + " open deals worth "
                    + usd(sum(open, Opportunity::amount)) + ".";
        }
        List<Map<String, Object>> shown = rows;
        if (e.limit() != null) {
            shown = found.stream().filter(o -> o.amount() != null)
                    .sorted(Comparator.comparing(Opportunity::amount).reversed()).limit(e.limit())
                    .map(o -> row("opportunity", o.name(), "stage", o.stage(), "amount_usd", o.amount(),
                            "close_date", o.closeDate())).toList();
        }
        return new Answer("pipeline", text, shown, ChartSpec.of("bar", "Pipeline by stage",
                List.copyOf(byStage.keySet()), "Amount (USD)",
                byStage.values().stream().map(l -> sum(l, Opportunity::amount)).toList()));
    }

    List<Opportunity> stuck(List<Opportunity> found, LocalDate asOf) {
        return found.stream().filter(o -> !closed(o) && stageChanged(o) != null
                        && ChronoUnit.DAYS.between(stageChanged(o), asOf) >= STUCK_DAYS)
                .sorted(Comparator.comparing(CommandAgents::stageChanged).thenComparing(Opportunity::name)).toList();
    }

    // ------------------------------------------------------------------ customers

    /** Revenue per customer name over the orders matching {@code e}. */
    Map<String, BigDecimal> revenueByCustomer(QueryEntities e) {
        Map<String, BigDecimal> m = new HashMap<>();
        orders(e).forEach(o -> m.merge(customerName(o), o.total(), BigDecimal::add));
        return m;
    }

    private Answer customers(QueryEntities e, LocalDate asOf) {
        int limit = e.limit() != null ? e.limit() : DEFAULT_LIMIT;
        String scope = scope(e.withCustomer(null));
        if (e.customer() != null && !"decline".equals(e.metric())) {
            List<SalesOrder> all = orders(new QueryEntities(e.customer(), null, null, null, null, null, null,
                    e.period(), null, null, null, null));
            BigDecimal revenue = sum(all, SalesOrder::total);
            long pending = all.stream().filter(o -> o.status() == SalesOrderStatus.PENDING).count();
            LocalDate first = all.stream().map(SalesOrder::orderDate).min(Comparator.naturalOrder()).orElse(null);
            LocalDate last = all.stream().map(SalesOrder::orderDate).max(Comparator.naturalOrder()).orElse(null);
            TreeMap<String, BigDecimal> byYear = new TreeMap<>();
            all.forEach(o -> byYear.merge(String.valueOf(o.orderDate().getYear()), o.total(), BigDecimal::add));
            return new Answer("customer", e.customer() + scope + ": " + all.size() + " orders, revenue " + usd(revenue)
                    + (all.isEmpty() ? "" : ", average order " + usd(avg(revenue, all.size())) + ", first order "
                    + first + ", last order " + last) + ", " + pending + " pending.",
                    List.of(row("customer", e.customer(), "orders", (long) all.size(), "revenue_usd", revenue,
                            "average_order_usd", avg(revenue, all.size()), "pending_orders", pending,
                            "first_order", first, "last_order", last)),
                    ChartSpec.of("bar", "Revenue by year", List.copyOf(byYear.keySet()), "Revenue (USD)",
                            List.copyOf(byYear.values())));
        }
        if ("decline".equals(e.metric())) {
            Period now = e.period() != null ? e.period() : Dates.unit("quarter", asOf, 0);
            Period before = now.previous();
            Map<String, BigDecimal> cur = revenueByCustomer(e.withPeriod(now).withMetric(null));
            Map<String, BigDecimal> prev = revenueByCustomer(e.withPeriod(before).withMetric(null));
            List<Map<String, Object>> rows = prev.entrySet().stream()
                    .map(x -> Map.entry(x.getKey(), cur.getOrDefault(x.getKey(), BigDecimal.ZERO).subtract(x.getValue())))
                    .filter(x -> x.getValue().signum() < 0)
                    .sorted(Map.Entry.<String, BigDecimal>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .limit(limit)
                    .map(x -> row("customer", x.getKey(), "previous_usd", prev.get(x.getKey()), "current_usd",
                            cur.getOrDefault(x.getKey(), BigDecimal.ZERO), "change_usd", x.getValue()))
                    .toList();
            long declined = prev.keySet().stream().filter(k -> cur.getOrDefault(k, BigDecimal.ZERO)
                    .compareTo(prev.get(k)) < 0).count();
            return new Answer("customer", declined + " customers bought less in " + now + " than in " + before
                    + "; the largest drops are listed.", rows, ChartSpec.of("bar", "Revenue change (USD)",
                    rows.stream().map(r -> (String) r.get("customer")).toList(), "Change (USD)",
                    rows.stream().map(r -> (BigDecimal) r.get("change_usd")).toList()));
        }
        Map<String, BigDecimal> revenue = revenueByCustomer(e);
        List<Map.Entry<String, BigDecimal>> top = revenue.entrySet().stream()
                .sorted(Map.Entry.<String, BigDecimal>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .filter(x -> e.amountMin() == null || x.getValue().compareTo(e.amountMin()) >= 0)
                .limit(limit).toList();
        List<Map<String, Object>> rows = top.stream().map(x -> row("customer", x.getKey(), "revenue_usd",
                x.getValue())).toList();
        String text = top.isEmpty() ? "No customer revenue" + scope + "." : "Top " + top.size() + " customers" + scope
                + " by revenue: " + top.stream().limit(3).map(x -> x.getKey() + " " + usd(x.getValue()))
                .collect(Collectors.joining(", ")) + (top.size() > 3 ? ", ..." : "") + " (" + revenue.size()
                + " customers bought in total).";
        return new Answer("customer", text, rows, ChartSpec.of("bar", "Top customers by revenue",
                top.stream().map(Map.Entry::getKey).toList(), "Revenue (USD)",
                top.stream().map(Map.Entry::getValue).toList()));
    }

    // ------------------------------------------------------------------ products

    /** Units and revenue per product name over matching orders: value = {units, revenue}. */
    Map<String, BigDecimal[]> productSales(QueryEntities e, boolean byCategory) {
        Map<String, BigDecimal[]> m = new HashMap<>();
        for (SalesOrder o : orders(e.withProduct(null).withMetric(null))) {
            for (SalesOrderLine l : o.lines()) {
                if (e.product() != null && !productMatches(l, e.product())) {
                    continue;
                }
                Product p = product(l);
                String key = byCategory ? category(p) : (p == null ? l.sku() : p.name());
                BigDecimal[] v = m.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                v[0] = v[0].add(l.quantity());
                v[1] = v[1].add(l.lineTotal());
            }
        }
        return m;
    }

    private Answer products(QueryEntities e) {
        int limit = e.limit() != null ? e.limit() : DEFAULT_LIMIT;
        String scope = scope(e);
        if ("inventory".equals(e.metric())) {
            List<Product> matching = data.products().stream().filter(p -> e.product() == null
                    || e.product().equalsIgnoreCase(p.name()) || e.product().equalsIgnoreCase(category(p))
                    || e.product().equalsIgnoreCase(String.valueOf(p.customFields().get("subCategory"))))
                    .limit(limit).toList();
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Product p : matching) {
                BigDecimal available = inventory.apply(p.sku()).stream().map(InventoryLevel::available)
                        .filter(Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
                rows.add(row("product", p.name(), "sku", p.sku(), "available_units", available));
            }
            return new Answer("product", rows.isEmpty() ? "No matching product." : rows.stream().map(r -> r.get(
                    "product") + ": " + ((BigDecimal) r.get("available_units")).toPlainString() + " units available")
                    .collect(Collectors.joining("; ")) + ".", rows, ChartSpec.of("bar", "Units available",
                    rows.stream().map(r -> (String) r.get("product")).toList(), "Units",
                    rows.stream().map(r -> (BigDecimal) r.get("available_units")).toList()));
        }
        boolean byCategory = "category".equals(e.metric());
        Map<String, BigDecimal[]> sales = productSales(e, byCategory);
        boolean byUnits = "units".equals(e.metric());
        List<Map.Entry<String, BigDecimal[]>> top = sales.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, BigDecimal[]>, BigDecimal>comparing(x -> x.getValue()[byUnits
                        ? 0 : 1]).reversed().thenComparing(Map.Entry::getKey))
                .limit(limit).toList();
        List<Map<String, Object>> rows = top.stream().map(x -> row("product", x.getKey(), "units", x.getValue()[0],
                "revenue_usd", x.getValue()[1], "average_selling_price_usd", avgPrice(x.getValue()))).toList();
        BigDecimal units = sales.values().stream().map(v -> v[0]).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal revenue = sales.values().stream().map(v -> v[1]).reduce(BigDecimal.ZERO, BigDecimal::add);
        String text = units.toPlainString() + " units sold" + scope + " for " + usd(revenue)
                + (units.signum() > 0 ? " (average selling price " + usd(avgPrice(new BigDecimal[] {units, revenue}))
                + ")" : "") + (top.isEmpty() ? "." : "; best seller: " + top.get(0).getKey() + ".");
        return new Answer("product", text, rows, ChartSpec.of("bar", byUnits ? "Units sold" : "Revenue by product",
                top.stream().map(Map.Entry::getKey).toList(), byUnits ? "Units" : "Revenue (USD)",
                top.stream().map(x -> x.getValue()[byUnits ? 0 : 1]).toList()));
    }

    // ------------------------------------------------------------------ insight

    private Answer insight(QueryEntities e, LocalDate asOf) {
        Period period = e.period() != null ? e.period() : Period.of(asOf.minusDays(89), asOf);
        if ("stuck".equals(e.metric())) {
            List<Opportunity> open = data.opportunities().stream().filter(o -> !closed(o) && o.amount() != null)
                    .toList();
            BigDecimal threshold = e.amountMin() != null ? e.amountMin() : percentile75(open);
            List<Opportunity> stalled = stuck(open, asOf).stream()
                    .filter(o -> o.amount().compareTo(threshold) >= 0).toList();
            List<Map<String, Object>> rows = stalled.stream().map(o -> row("opportunity", o.name(), "stage",
                    o.stage(), "amount_usd", o.amount(), "days_in_stage", ChronoUnit.DAYS.between(stageChanged(o),
                            asOf))).toList();
            return new Answer("insight", stalled.size() + " large open deals (at least " + usd(threshold)
                    + ") have been in their stage for " + STUCK_DAYS + "+ days, worth " + usd(sum(stalled,
                    Opportunity::amount)) + ".", rows, ChartSpec.of("bar", "Stalled large deals",
                    stalled.stream().map(Opportunity::name).toList(), "Amount (USD)",
                    stalled.stream().map(Opportunity::amount).toList()));
        }
        if ("anomalies".equals(e.metric())) {
            List<Map<String, Object>> rows = anomalies(e, period);
            return new Answer("insight", rows.isEmpty() ? "No anomalous day in " + period + " (trailing "
                    + BASELINE_DAYS + "-day z-score, threshold " + Z_THRESHOLD + ")." : rows.size()
                    + " anomalous days in " + period + ": " + rows.stream().limit(5).map(r -> r.get("date") + " "
                    + usd((BigDecimal) r.get("revenue_usd")) + " (z " + r.get("z") + ")")
                    .collect(Collectors.joining(", ")) + ".", rows, ChartSpec.of("bar", "Anomalous days",
                    rows.stream().map(r -> r.get("date").toString()).toList(), "Revenue (USD)",
                    rows.stream().map(r -> (BigDecimal) r.get("revenue_usd")).toList()));
        }
        QueryEntities cur = e.withPeriod(period).withMetric(null);
        List<SalesOrder> now = orders(cur);
        List<SalesOrder> before = orders(cur.withPeriod(period.previous()));
        BigDecimal revNow = sum(now, SalesOrder::total);
        BigDecimal revBefore = sum(before, SalesOrder::total);
        String change = revBefore.signum() == 0 ? "n/a" : revNow.subtract(revBefore).multiply(BigDecimal.valueOf(100))
                .divide(revBefore, 1, RoundingMode.HALF_UP) + "%";
        String topCustomer = revenueByCustomer(cur).entrySet().stream()
                .max(Map.Entry.<String, BigDecimal>comparingByValue()
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder())).map(x -> x.getKey() + " (" + usd(x.getValue()) + ")").orElse("none");
        String topProduct = productSales(cur, false).entrySet().stream()
                .max(Comparator.<Map.Entry<String, BigDecimal[]>, BigDecimal>comparing(x -> x.getValue()[1])
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .map(x -> x.getKey() + " (" + usd(x.getValue()[1]) + ")").orElse("none");
        List<Map<String, Object>> rows = List.of(
                row("metric", "revenue_usd", "current", revNow, "previous", revBefore),
                row("metric", "orders", "current", BigDecimal.valueOf(now.size()), "previous",
                        BigDecimal.valueOf(before.size())),
                row("metric", "average_order_value_usd", "current", avg(revNow, now.size()), "previous",
                        avg(revBefore, before.size())));
        String text = "In " + period + ": revenue " + usd(revNow) + " (" + change + " vs " + period.previous()
                + "), " + now.size() + " orders, average order " + usd(avg(revNow, now.size())) + ". Top customer: "
                + topCustomer + ". Top product: " + topProduct + ".";
        return new Answer("insight", text, rows, new ChartSpec("bar", "This period vs previous",
                List.of("Revenue (USD)", "Orders"), List.of(new ChartSpec.Series("Current", List.of(revNow,
                BigDecimal.valueOf(now.size()))), new ChartSpec.Series("Previous", List.of(revBefore,
                BigDecimal.valueOf(before.size()))))));
    }

    /** Days of {@code period} whose revenue is {@link #Z_THRESHOLD}+ baseline standard deviations off. */
    List<Map<String, Object>> anomalies(QueryEntities e, Period period) {
        Period window = Period.of(period.start().minusDays(BASELINE_DAYS), period.end());
        Map<LocalDate, BigDecimal> daily = new HashMap<>();
        orders(e.withPeriod(window).withMetric(null)).forEach(o -> daily.merge(o.orderDate(), o.total(),
                BigDecimal::add));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (LocalDate d = period.start(); !d.isAfter(period.end()); d = d.plusDays(1)) {
            double[] base = new double[BASELINE_DAYS];
            for (int i = 0; i < BASELINE_DAYS; i++) {
                base[i] = daily.getOrDefault(d.minusDays(BASELINE_DAYS - i), BigDecimal.ZERO).doubleValue();
            }
            double mean = java.util.Arrays.stream(base).average().orElse(0);
            double var = java.util.Arrays.stream(base).map(x -> (x - mean) * (x - mean)).sum() / (BASELINE_DAYS - 1);
            double sd = Math.sqrt(var);
            BigDecimal x = daily.getOrDefault(d, BigDecimal.ZERO);
            if (sd > 0) {
                double z = (x.doubleValue() - mean) / sd;
                if (Math.abs(z) >= Z_THRESHOLD) {
                    rows.add(row("date", d, "revenue_usd", x, "baseline_mean_usd",
                            BigDecimal.valueOf(mean).setScale(2, RoundingMode.HALF_UP), "z",
                            BigDecimal.valueOf(z).setScale(2, RoundingMode.HALF_UP)));
                }
            }
        }
        return rows;
    }

    private static BigDecimal percentile75(List<Opportunity> open) {
        List<BigDecimal> amounts = open.stream().map(Opportunity::amount).sorted().toList();
        if (amounts.isEmpty()) {
            return BigDecimal.ZERO;
        }
        return amounts.get((int) Math.ceil(0.75 * amounts.size()) - 1);
    }

    // ------------------------------------------------------------------ helpers

    String customerName(SalesOrder o) {
        Account a = o.customerId() == null ? null : accounts.get(o.customerId().value());
        return a == null ? String.valueOf(o.customerId()) : a.name();
    }

    String region(SalesOrder o) {
        if (o.customFields().get("region") instanceof String r) {
            return r;
        }
        Account a = o.customerId() == null ? null : accounts.get(o.customerId().value());
        return a != null && a.customFields().get("region") instanceof String r ? r : null;
    }

    private static String orderNumber(SalesOrder o) {
        return o.customFields().get("orderNumber") instanceof String n ? n : o.id().value();
    }

    private Product product(SalesOrderLine l) {
        return l.sku() == null ? null : products.get(l.sku().toLowerCase(Locale.ROOT));
    }

    private static String category(Product p) {
        return p != null && p.customFields().get("category") instanceof String c ? c : "(none)";
    }

    boolean productMatches(SalesOrderLine l, String name) {
        Product p = product(l);
        if (p == null) {
            return name.equalsIgnoreCase(l.sku());
        }
        return name.equalsIgnoreCase(p.name()) || name.equalsIgnoreCase(category(p))
                || name.equalsIgnoreCase(String.valueOf(p.customFields().get("subCategory")));
    }

    private static String scope(QueryEntities e) {
        StringBuilder s = new StringBuilder();
        if (e.status() != null) {
            s.append(" ").append(e.status().replace('_', ' '));
        }
        if (e.customer() != null) {
            s.append(" for ").append(e.customer());
        }
        if (e.product() != null) {
            s.append(" of ").append(e.product());
        }
        if (e.stage() != null) {
            s.append(" in stage ").append(e.stage());
        }
        if (e.region() != null) {
            s.append(" in the ").append(e.region()).append(" region");
        }
        if (e.period() != null) {
            s.append(" in ").append(e.period());
        }
        return s.toString();
    }

    static <T> BigDecimal sum(List<T> items, Function<T, BigDecimal> f) {
        return items.stream().map(f).filter(Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    static BigDecimal avg(BigDecimal total, long n) {
        return n == 0 ? BigDecimal.ZERO.setScale(2) : total.divide(BigDecimal.valueOf(n), 2, RoundingMode.HALF_UP);
    }

    private static BigDecimal avgPrice(BigDecimal[] unitsRevenue) {
        return unitsRevenue[0].signum() == 0 ? BigDecimal.ZERO.setScale(2)
                : unitsRevenue[1].divide(unitsRevenue[0], 2, RoundingMode.HALF_UP);
    }

    static String usd(BigDecimal v) {
        return v == null ? "$0.00" : "$" + String.format(Locale.ROOT, "%,.2f", v);
    }

    static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
