package dev.salesagent.agents.sales.command;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The entities of a question, with the JSON keys of the command center's API: {@code customer}, {@code product},
 * {@code quantity}, {@code unit_price}, {@code status}, {@code stage}, {@code region}, {@code period}
 * ({@code {"start","end"}} ISO dates, inclusive), {@code amount_min}, {@code amount_max}, {@code limit},
 * {@code metric}. Absent entities are null and left out of the JSON.
 *
 * @param customer  the customer (account) name as the CRM spells it, or null
 * @param product   a product name as the CRM spells it, or a product category / sub-category name, or null
 * @param quantity  units ordered (create_transaction), or null
 * @param unitPrice USD per unit (create_transaction), exact, or null
 * @param status    order status: {@code pending}, {@code partially_fulfilled}, {@code fulfilled} or
 *                  {@code cancelled}, or null
 * @param stage     an opportunity stage as the CRM spells it, or null
 * @param region    a sales region as the data spells it (e.g. {@code West}), or null
 * @param period    the date range, or null for all time
 * @param amountMin USD lower bound, inclusive, or null
 * @param amountMax USD upper bound, inclusive, or null
 * @param limit     how many rows ("top 5"), or null
 * @param metric    what to measure: {@code revenue}, {@code count}, {@code average_order_value}, {@code units},
 *                  {@code average_selling_price}, {@code profit}, {@code win_rate}, {@code weighted_forecast},
 *                  {@code aging}, {@code inventory}, {@code anomalies}, {@code summary}, {@code decline},
 *                  {@code stuck}, {@code category} (group products by category), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QueryEntities(
        @JsonProperty("customer") String customer,
        @JsonProperty("product") String product,
        @JsonProperty("quantity") BigDecimal quantity,
        @JsonProperty("unit_price") BigDecimal unitPrice,
        @JsonProperty("status") String status,
        @JsonProperty("stage") String stage,
        @JsonProperty("region") String region,
        @JsonProperty("period") Period period,
        @JsonProperty("amount_min") BigDecimal amountMin,
        @JsonProperty("amount_max") BigDecimal amountMax,
        @JsonProperty("limit") Integer limit,
        @JsonProperty("metric") String metric) {

    /** No entities. */
    public static final QueryEntities NONE = new QueryEntities(null, null, null, null, null, null, null, null, null,
            null, null, null);

    /** {@return true if no entity is set (equal to {@link #NONE})} */
    @JsonIgnore
    public boolean isEmpty() {
        return equals(NONE);
    }

    /**
     * Merges a follow-up's entities into these (the previous turn's).
     *
     * @param newer the follow-up's entities, not null; each non-null entity replaces this one's
     * @return a new instance: {@code newer}'s entities where set, else this one's
     * @throws NullPointerException if {@code newer} is null
     */
    public QueryEntities overriddenBy(QueryEntities newer) {
        return new QueryEntities(pick(newer.customer, customer), pick(newer.product, product),
                pick(newer.quantity, quantity), pick(newer.unitPrice, unitPrice), pick(newer.status, status),
                pick(newer.stage, stage), pick(newer.region, region), pick(newer.period, period),
                pick(newer.amountMin, amountMin), pick(newer.amountMax, amountMax), pick(newer.limit, limit),
                pick(newer.metric, metric));
    }

    /**
     * A copy with {@code customer} replaced.
     *
     * @param value the customer (account) name as the CRM spells it, or null to clear it
     * @return the copy; this instance is unchanged
     */
    public QueryEntities withCustomer(String value) {
        return new QueryEntities(value, product, quantity, unitPrice, status, stage, region, period, amountMin,
                amountMax, limit, metric);
    }

    /**
     * A copy with {@code product} replaced.
     *
     * @param value a product, category or sub-category name as the CRM spells it, or null to clear it
     * @return the copy; this instance is unchanged
     */
    public QueryEntities withProduct(String value) {
        return new QueryEntities(customer, value, quantity, unitPrice, status, stage, region, period, amountMin,
                amountMax, limit, metric);
    }

    /**
     * A copy with {@code metric} replaced.
     *
     * @param value one of the metric names listed on the record (e.g. {@code revenue}), or null to clear it
     * @return the copy; this instance is unchanged
     */
    public QueryEntities withMetric(String value) {
        return new QueryEntities(customer, product, quantity, unitPrice, status, stage, region, period, amountMin,
                amountMax, limit, value);
    }

    /**
     * A copy with {@code period} replaced.
     *
     * @param value the inclusive date range, or null for all time
     * @return the copy; this instance is unchanged
     */
    public QueryEntities withPeriod(Period value) {
        return new QueryEntities(customer, product, quantity, unitPrice, status, stage, region, value, amountMin,
                amountMax, limit, metric);
    }

    /**
     * The entities as the API's JSON object: only set keys, in the documented order; {@code period} as
     * {@code {"start","end"}} ISO date strings, amounts as {@link BigDecimal}.
     *
     * @return a new mutable map with the keys {@code customer}, {@code product}, {@code quantity},
     *         {@code unit_price}, {@code status}, {@code stage}, {@code region}, {@code period}, {@code amount_min},
     *         {@code amount_max}, {@code limit}, {@code metric} (in that order, null ones left out); {@code limit} is
     *         an {@link Integer}; empty when no entity is set
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "customer", customer);
        put(m, "product", product);
        put(m, "quantity", quantity);
        put(m, "unit_price", unitPrice);
        put(m, "status", status);
        put(m, "stage", stage);
        put(m, "region", region);
        if (period != null) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("start", period.start().toString());
            p.put("end", period.end().toString());
            m.put("period", p);
        }
        put(m, "amount_min", amountMin);
        put(m, "amount_max", amountMax);
        put(m, "limit", limit);
        put(m, "metric", metric);
        return m;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static <T> T pick(T newer, T older) {
        return newer != null ? newer : older;
    }
}
