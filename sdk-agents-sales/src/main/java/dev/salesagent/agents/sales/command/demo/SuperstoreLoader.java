package dev.salesagent.agents.sales.command.demo;

import dev.salesagent.crm.Account;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.Product;
import dev.salesagent.crm.SalesOrder;
import dev.salesagent.crm.SalesOrderLine;
import dev.salesagent.crm.SalesOrderStatus;
import dev.salesagent.crm.memory.InMemoryCrmClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Loads the Superstore order book CSV ({@code Row ID, Order ID, Order Date, Ship Date, Ship Mode, Customer ID,
 * Customer Name, Segment, Country, City, State, Postal Code, Region, Product ID, Category, Sub-Category, Product Name,
 * Sales, Quantity, Discount, Profit}; 9,994 lines of 5,009 orders, 2014-2017) into an {@link InMemoryCrmClient},
 * keeping the data's own dates and amounts exactly:
 * <ul>
 *   <li>customers to accounts (name; custom fields {@code customerId}, {@code segment}, {@code region} = the region of
 *       most of the customer's lines, first seen on a tie);</li>
 *   <li>products to items: SKU = Product ID (a second name under the same ID gets {@code <id>-2}, ...); custom fields
 *       {@code category}, {@code subCategory}; list price = the highest undiscounted unit price seen,
 *       {@code sales / quantity / (1 - discount)} rounded half-up to cents;</li>
 *   <li>order lines to sales orders: unit price = {@code sales / quantity} (exact in this data), total = the sum of
 *       the lines' sales; status {@code FULFILLED} when shipped on or before the last order date, else
 *       {@code PENDING}; custom fields {@code orderNumber}, {@code region}, {@code shipDate}, {@code shipMode},
 *       {@code profit}; idempotency key {@code superstore:<Order ID>}.</li>
 * </ul>
 * Synthetic (the data has none, and says so): inventory per product = units sold in the last 90 days of the book,
 * plus 10, at location {@code Main}; credit limit per account = its highest yearly revenue rounded up to $1,000, open
 * balance = its pending orders' total.
 */
public final class SuperstoreLoader {

    /**
     * What was loaded.
     *
     * @param accounts       accounts created (one per Customer ID)
     * @param products       products created (one per Product ID and name)
     * @param orders         sales orders created (one per Order ID)
     * @param lines          CSV data lines read (order lines)
     * @param firstOrderDate the earliest order date
     * @param lastOrderDate  the latest order date (the demo's as-of date)
     */
    public record Summary(int accounts, int products, int orders, int lines, LocalDate firstOrderDate,
                          LocalDate lastOrderDate) {
    }

    private SuperstoreLoader() {
    }

    /**
     * Loads the CSV into {@code crm}.
     *
     * @param crm the memory CRM to seed with accounts, products, inventory, credit and sales orders; not null
     * @param csv the Superstore CSV (UTF-8, header first); read to the end and closed
     * @return counts and the first and last order dates (the demo's as-of date is the last)
     * @throws NullPointerException     if {@code crm} is null
     * @throws UncheckedIOException     if it cannot be read
     * @throws IllegalArgumentException if the CSV is empty, a line is malformed (with its line number), a number does
     *                                  not parse, or an order line's sales is not quantity x an exact unit price
     * @throws java.time.format.DateTimeParseException if an order or ship date is not an ISO date
     */
    public static Summary load(InMemoryCrmClient crm, InputStream csv) {
        Objects.requireNonNull(crm, "crm");
        List<Map<String, String>> rows = read(csv);
        LocalDate first = null;
        LocalDate last = null;
        for (Map<String, String> r : rows) {
            LocalDate d = LocalDate.parse(r.get("Order Date"));
            first = first == null || d.isBefore(first) ? d : first;
            last = last == null || d.isAfter(last) ? d : last;
        }
        // products
        Map<String, String> skuByIdName = new LinkedHashMap<>();
        Map<String, Integer> namesPerId = new HashMap<>();
        Map<String, Map<String, String>> productRow = new LinkedHashMap<>();
        Map<String, BigDecimal> listPrice = new HashMap<>();
        Map<String, BigDecimal> recentUnits = new HashMap<>();
        for (Map<String, String> r : rows) {
            String key = r.get("Product ID") + "\u0000" + r.get("Product Name");
            String sku = skuByIdName.computeIfAbsent(key, k -> {
                int n = namesPerId.merge(r.get("Product ID"), 1, Integer::sum);
                return n == 1 ? r.get("Product ID") : r.get("Product ID") + "-" + n;
            });
            productRow.putIfAbsent(sku, r);
            BigDecimal qty = new BigDecimal(r.get("Quantity"));
            BigDecimal undiscounted = new BigDecimal(r.get("Sales")).divide(qty.multiply(BigDecimal.ONE.subtract(
                    new BigDecimal(r.get("Discount")))), 2, RoundingMode.HALF_UP);
            listPrice.merge(sku, undiscounted, BigDecimal::max);
            if (!LocalDate.parse(r.get("Order Date")).isBefore(last.minusDays(89))) {
                recentUnits.merge(sku, qty, BigDecimal::add);
            }
        }
        for (Map.Entry<String, Map<String, String>> e : productRow.entrySet()) {
            Map<String, String> r = e.getValue();
            crm.seedProduct(Product.builder().sku(e.getKey()).name(r.get("Product Name")).unitPrice(
                    listPrice.get(e.getKey())).currency("USD").active(true).customFields(Map.of("category",
                    r.get("Category"), "subCategory", r.get("Sub-Category"))).build(),
                    Map.of("Main", recentUnits.getOrDefault(e.getKey(), BigDecimal.ZERO).add(BigDecimal.TEN)));
        }
        // accounts
        Map<String, Map<String, Integer>> regions = new LinkedHashMap<>();
        Map<String, Map<String, String>> customerRow = new LinkedHashMap<>();
        for (Map<String, String> r : rows) {
            customerRow.putIfAbsent(r.get("Customer ID"), r);
            regions.computeIfAbsent(r.get("Customer ID"), k -> new LinkedHashMap<>()).merge(r.get("Region"), 1,
                    Integer::sum);
        }
        Map<String, CrmId> accountIds = new HashMap<>();
        for (Map.Entry<String, Map<String, String>> e : customerRow.entrySet()) {
            Map<String, String> r = e.getValue();
            String region = regions.get(e.getKey()).entrySet().stream()
                    .reduce((a, b) -> b.getValue() > a.getValue() ? b : a).orElseThrow().getKey();
            Account a = crm.seedAccount(Account.builder().name(r.get("Customer Name")).country(r.get("Country"))
                    .customFields(Map.of("customerId", e.getKey(), "segment", r.get("Segment"), "region", region))
                    .build());
            accountIds.put(e.getKey(), a.id());
        }
        // orders
        Map<String, List<Map<String, String>>> byOrder = new LinkedHashMap<>();
        rows.forEach(r -> byOrder.computeIfAbsent(r.get("Order ID"), k -> new ArrayList<>()).add(r));
        Map<String, BigDecimal> pendingByCustomer = new HashMap<>();
        Map<String, Map<Integer, BigDecimal>> yearly = new HashMap<>();
        for (Map.Entry<String, List<Map<String, String>>> e : byOrder.entrySet()) {
            Map<String, String> h = e.getValue().get(0);
            List<SalesOrderLine> lines = new ArrayList<>();
            BigDecimal total = BigDecimal.ZERO;
            BigDecimal profit = BigDecimal.ZERO;
            for (Map<String, String> r : e.getValue()) {
                BigDecimal qty = new BigDecimal(r.get("Quantity"));
                BigDecimal sales = new BigDecimal(r.get("Sales"));
                BigDecimal unit = sales.divide(qty, java.math.MathContext.DECIMAL128).stripTrailingZeros();
                if (unit.scale() < 0) {
                    unit = unit.setScale(0);
                }
                if (unit.multiply(qty).compareTo(sales) != 0) {
                    throw new IllegalArgumentException("order " + e.getKey() + ": sales " + sales
                            + " is not quantity x an exact unit price");
                }
                lines.add(SalesOrderLine.ofSku(skuByIdName.get(r.get("Product ID") + "\u0000" + r.get("Product Name")),
                        qty, unit));
                total = total.add(sales);
                profit = profit.add(new BigDecimal(r.get("Profit")));
            }
            LocalDate orderDate = LocalDate.parse(h.get("Order Date"));
            LocalDate shipDate = LocalDate.parse(h.get("Ship Date"));
            SalesOrderStatus status = shipDate.isAfter(last) ? SalesOrderStatus.PENDING : SalesOrderStatus.FULFILLED;
            crm.seedSalesOrder(SalesOrder.builder().customerId(accountIds.get(h.get("Customer ID")))
                    .idempotencyKey("superstore:" + e.getKey()).lines(lines).status(status).total(total)
                    .currency("USD").orderDate(orderDate)
                    .customFields(Map.of("orderNumber", e.getKey(), "region", h.get("Region"), "shipDate",
                            shipDate.toString(), "shipMode", h.get("Ship Mode"), "profit", profit))
                    .build());
            if (status == SalesOrderStatus.PENDING) {
                pendingByCustomer.merge(h.get("Customer ID"), total, BigDecimal::add);
            }
            yearly.computeIfAbsent(h.get("Customer ID"), k -> new HashMap<>()).merge(orderDate.getYear(), total,
                    BigDecimal::add);
        }
        BigDecimal thousand = BigDecimal.valueOf(1000);
        for (Map.Entry<String, CrmId> e : accountIds.entrySet()) {
            BigDecimal max = yearly.getOrDefault(e.getKey(), Map.of()).values().stream().reduce(BigDecimal.ZERO,
                    BigDecimal::max);
            BigDecimal limit = max.divide(thousand, 0, RoundingMode.CEILING).multiply(thousand);
            crm.seedCredit(e.getValue().value(), limit, pendingByCustomer.getOrDefault(e.getKey(), BigDecimal.ZERO),
                    "USD");
        }
        return new Summary(accountIds.size(), productRow.size(), byOrder.size(), rows.size(), first, last);
    }

    /** RFC 4180 CSV (quoted fields, doubled quotes, commas inside quotes) to one map per row, keyed by header. */
    static List<Map<String, String>> read(InputStream in) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String headerLine = r.readLine();
            if (headerLine == null) {
                throw new IllegalArgumentException("empty CSV");
            }
            List<String> header = split(headerLine.replace("\uFEFF", ""), 1);
            List<Map<String, String>> out = new ArrayList<>();
            String line;
            int n = 1;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> f = split(line, n);
                if (f.size() != header.size()) {
                    throw new IllegalArgumentException("CSV line " + n + " has " + f.size() + " fields, expected "
                            + header.size());
                }
                Map<String, String> m = new HashMap<>();
                for (int i = 0; i < f.size(); i++) {
                    m.put(header.get(i), f.get(i));
                }
                out.add(m);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the order book CSV", e);
        }
    }

    private static List<String> split(String line, int lineNo) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("CSV line " + lineNo + " has an unclosed quote");
        }
        out.add(cur.toString());
        return out;
    }
}
