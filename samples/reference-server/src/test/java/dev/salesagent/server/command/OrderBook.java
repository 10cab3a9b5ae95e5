package dev.salesagent.server.command;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The demo order book read independently of the SDK's loader (Apache Commons CSV), for expected figures: one
 * {@link Order} per Order ID with the sum of its lines' Sales. Pending = shipped after the last order date.
 */
final class OrderBook {

    /** One order of the CSV. */
    record Order(String number, String customer, LocalDate orderDate, LocalDate shipDate, BigDecimal total) {
    }

    /** One line (row) of the CSV. */
    record Line(String order, LocalDate orderDate, String category, BigDecimal quantity, BigDecimal sales) {
    }

    /** Orders (distinct), units and revenue of one category. */
    record CategoryFigures(String category, long orders, BigDecimal units, BigDecimal revenue) {
    }

    final List<Order> orders;
    final List<Line> lines;
    final LocalDate lastOrderDate;

    private OrderBook(List<Order> orders, List<Line> lines) {
        this.orders = orders;
        this.lines = lines;
        this.lastOrderDate = orders.stream().map(Order::orderDate).max(Comparator.naturalOrder()).orElseThrow();
    }

    static OrderBook load() {
        try (Reader in = new InputStreamReader(OrderBook.class.getResourceAsStream("/demo/command/superstore.csv"),
                StandardCharsets.UTF_8)) {
            Map<String, Order> byNumber = new LinkedHashMap<>();
            List<Line> lines = new ArrayList<>();
            for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                String n = r.get("Order ID");
                BigDecimal sales = new BigDecimal(r.get("Sales"));
                lines.add(new Line(n, LocalDate.parse(r.get("Order Date")), r.get("Category"),
                        new BigDecimal(r.get("Quantity")), sales));
                Order prev = byNumber.get(n);
                byNumber.put(n, prev == null ? new Order(n, r.get("Customer Name"), LocalDate.parse(r.get("Order Date")),
                        LocalDate.parse(r.get("Ship Date")), sales) : new Order(n, prev.customer(), prev.orderDate(),
                        prev.shipDate(), prev.total().add(sales)));
            }
            return new OrderBook(new ArrayList<>(byNumber.values()), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean pending(Order o) {
        return o.shipDate().isAfter(lastOrderDate);
    }

    List<Order> where(Predicate<Order> p) {
        return orders.stream().filter(p).toList();
    }

    static Predicate<Order> between(LocalDate from, LocalDate to) {
        return o -> !o.orderDate().isBefore(from) && !o.orderDate().isAfter(to);
    }

    static BigDecimal total(List<Order> orders) {
        return orders.stream().map(Order::total).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Per category of the lines of orders dated from..to: figures, highest revenue first (ties by category). */
    List<CategoryFigures> byCategory(LocalDate from, LocalDate to) {
        Map<String, List<Line>> byCategory = new HashMap<>();
        lines.stream().filter(l -> !l.orderDate().isBefore(from) && !l.orderDate().isAfter(to))
                .forEach(l -> byCategory.computeIfAbsent(l.category(), k -> new ArrayList<>()).add(l));
        return byCategory.entrySet().stream().map(e -> new CategoryFigures(e.getKey(),
                        e.getValue().stream().map(Line::order).distinct().count(),
                        e.getValue().stream().map(Line::quantity).reduce(BigDecimal.ZERO, BigDecimal::add),
                        e.getValue().stream().map(Line::sales).reduce(BigDecimal.ZERO, BigDecimal::add)))
                .sorted(Comparator.comparing(CategoryFigures::revenue).reversed()
                        .thenComparing(CategoryFigures::category)).toList();
    }

    /** Revenue per customer name in the orders, highest first (ties by name). */
    static List<Map.Entry<String, BigDecimal>> topCustomers(List<Order> orders, int n) {
        Map<String, BigDecimal> revenue = new HashMap<>();
        orders.forEach(o -> revenue.merge(o.customer(), o.total(), BigDecimal::add));
        return revenue.entrySet().stream().sorted(Map.Entry.<String, BigDecimal>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).limit(n).toList();
    }
}
