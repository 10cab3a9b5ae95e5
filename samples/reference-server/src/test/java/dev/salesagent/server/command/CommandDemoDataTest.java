package dev.salesagent.server.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.salesagent.server.command.demo.CommandDemoSeeder;
import dev.salesagent.server.platform.PlatformTestSupport;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The seed's example questions on the running server's demo tenant (the Superstore order book, as of its last order
 * date 2017-12-30), every number checked against figures this test computes from the CSV itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandDemoDataTest extends PlatformTestSupport {

    static final LocalDate AS_OF = LocalDate.parse("2017-12-30");

    @Autowired
    CommandDemoSeeder seeder;

    OrderBook book;
    Session demo;

    @BeforeAll
    void demoData() throws Exception {
        assertThat(seeder.awaitSeeded(Duration.ofMinutes(3))).isPresent();
        book = OrderBook.load();
        assertThat(book.lastOrderDate).isEqualTo(AS_OF);
        demo = login("demo@example.com", "demo-password-123");
    }

    private MvcResult ask(String question, String threadId) throws Exception {
        String body = threadId == null ? "{\"query\":\"" + question + "\"}"
                : "{\"query\":\"" + question + "\",\"threadId\":\"" + threadId + "\"}";
        return mvc.perform(demo.auth(post("/api/v1/query/ask")).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk()).andReturn();
    }

    private static BigDecimal decimal(Object json) {
        return new BigDecimal(json.toString());
    }

    @Test
    @DisplayName("\"How many orders did we receive this month?\" counts December 2017's orders and their revenue")
    void ordersThisMonth() throws Exception {
        List<OrderBook.Order> december = book.where(OrderBook.between(LocalDate.parse("2017-12-01"), AS_OF));
        MvcResult r = ask("How many orders did we receive this month?", null);
        assertThat((String) read(r, "$.intent")).isEqualTo("order_status");
        assertThat((String) read(r, "$.method")).isEqualTo("rules");
        assertThat((String) read(r, "$.asOf")).isEqualTo("2017-12-30");
        assertThat((String) read(r, "$.entities.period.start")).isEqualTo("2017-12-01");
        assertThat((List<String>) read(r, "$.agents")).containsExactly("order");
        assertThat((String) read(r, "$.answer")).startsWith(december.size() + " orders")
                .contains(String.format(java.util.Locale.ROOT, "$%,.2f", OrderBook.total(december)));
        assertThat((String) read(r, "$.threadId")).isNotBlank();
        assertThat((String) read(r, "$.chart.type")).isEqualTo("bar");
    }

    @Test
    @DisplayName("\"Show me pending orders for <customer> this month\" lists exactly that customer's open December orders")
    void pendingOrdersForACustomer() throws Exception {
        List<OrderBook.Order> pending = book.where(OrderBook.between(LocalDate.parse("2017-12-01"), AS_OF)
                .and(book::pending));
        String customer = pending.stream().map(OrderBook.Order::customer).sorted().findFirst().orElseThrow();
        Set<String> expected = new HashSet<>(pending.stream().filter(o -> o.customer().equals(customer))
                .map(OrderBook.Order::number).toList());
        MvcResult r = ask("Show me pending orders for " + customer + " this month", null);
        assertThat((String) read(r, "$.intent")).isEqualTo("order_status");
        assertThat((String) read(r, "$.entities.customer")).isEqualTo(customer);
        assertThat((String) read(r, "$.entities.status")).isEqualTo("pending");
        assertThat(new HashSet<>((List<String>) read(r, "$.data[*].order_id"))).isEqualTo(expected);
        assertThat((List<String>) read(r, "$.data[*].status")).containsOnly("pending");
    }

    @Test
    @DisplayName("\"Top 5 customers by revenue last quarter\" ranks Q3 2017 customers by their order totals")
    void topCustomersLastQuarter() throws Exception {
        List<Map.Entry<String, BigDecimal>> top = OrderBook.topCustomers(
                book.where(OrderBook.between(LocalDate.parse("2017-07-01"), LocalDate.parse("2017-09-30"))), 5);
        MvcResult r = ask("Top 5 customers by revenue last quarter", null);
        assertThat((String) read(r, "$.intent")).isEqualTo("customer_query");
        assertThat((String) read(r, "$.entities.period.start")).isEqualTo("2017-07-01");
        assertThat((String) read(r, "$.entities.period.end")).isEqualTo("2017-09-30");
        assertThat((List<String>) read(r, "$.data[*].customer"))
                .containsExactlyElementsOf(top.stream().map(Map.Entry::getKey).toList());
        List<Object> revenue = read(r, "$.data[*].revenue_usd");
        for (int i = 0; i < top.size(); i++) {
            assertThat(decimal(revenue.get(i))).isEqualByComparingTo(top.get(i).getValue());
        }
    }

    @Test
    @DisplayName("a follow-up (\"and for <other customer>?\") keeps the intent and period of the thread's last question")
    void followUpInTheSameThread() throws Exception {
        List<OrderBook.Order> december = book.where(OrderBook.between(LocalDate.parse("2017-12-01"), AS_OF));
        List<String> customers = december.stream().map(OrderBook.Order::customer).distinct().sorted().toList();
        String first = customers.get(0);
        String second = customers.get(1);
        MvcResult r1 = ask("How many orders did " + first + " place this month?", null);
        String thread = read(r1, "$.threadId");
        MvcResult r2 = ask("and for " + second + "?", thread);
        assertThat((String) read(r2, "$.threadId")).isEqualTo(thread);
        assertThat((String) read(r2, "$.intent")).isEqualTo("order_status");
        assertThat((String) read(r2, "$.entities.customer")).isEqualTo(second);
        long expected = december.stream().filter(o -> o.customer().equals(second)).count();
        assertThat((String) read(r2, "$.answer")).startsWith(expected + " orders");
        // the history shows both turns of the thread, newest first, for this user only
        MvcResult h = mvc.perform(demo.auth(get("/api/v1/query/history").param("thread_id", thread)))
                .andExpect(status().isOk()).andReturn();
        assertThat((List<String>) read(h, "$.items[*].question"))
                .containsExactly("and for " + second + "?", "How many orders did " + first + " place this month?");
        Session other = createUser(demo, "sales_exec");
        mvc.perform(other.auth(get("/api/v1/query/history").param("thread_id", thread))).andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.items")
                        .isEmpty());
    }

    @Test
    @DisplayName("dashboard overview: December 2017, November 2017 and 2017-12-30 orders and revenue, December by category,"
            + " as in the CSV")
    void dashboardOverview() throws Exception {
        MvcResult r = mvc.perform(demo.auth(get("/api/v1/dashboard/overview"))).andExpect(status().isOk()).andReturn();
        List<OrderBook.Order> december = book.where(OrderBook.between(LocalDate.parse("2017-12-01"), AS_OF));
        List<OrderBook.Order> november = book.where(OrderBook.between(LocalDate.parse("2017-11-01"),
                LocalDate.parse("2017-11-30")));
        assertThat((String) read(r, "$.as_of")).isEqualTo("2017-12-30");
        assertThat(((Number) read(r, "$.current.orders")).longValue()).isEqualTo(december.size());
        assertThat(decimal(read(r, "$.current.revenue"))).isEqualByComparingTo(OrderBook.total(december));
        assertThat(((Number) read(r, "$.current.pending_orders")).longValue())
                .isEqualTo(december.stream().filter(book::pending).count());
        assertThat(((Number) read(r, "$.previous.orders")).longValue()).isEqualTo(november.size());
        assertThat(decimal(read(r, "$.previous.revenue"))).isEqualByComparingTo(OrderBook.total(november));
        assertThat((List<Object>) read(r, "$.revenue_by_month")).hasSize(12);
        // the as-of day alone
        List<OrderBook.Order> today = book.where(OrderBook.between(AS_OF, AS_OF));
        assertThat(today).isNotEmpty();
        assertThat(((Number) read(r, "$.today.orders")).longValue()).isEqualTo(today.size());
        assertThat(decimal(read(r, "$.today.revenue"))).isEqualByComparingTo(OrderBook.total(today));
        assertThat(((Number) read(r, "$.today.pending_orders")).longValue())
                .isEqualTo(today.stream().filter(book::pending).count());
        // December's lines by product category, highest revenue first
        List<OrderBook.CategoryFigures> categories = book.byCategory(LocalDate.parse("2017-12-01"), AS_OF);
        assertThat(categories).hasSizeGreaterThan(1);
        assertThat((List<String>) read(r, "$.revenue_by_category[*].category"))
                .containsExactlyElementsOf(categories.stream().map(OrderBook.CategoryFigures::category).toList());
        List<Number> categoryOrders = read(r, "$.revenue_by_category[*].orders");
        List<Object> units = read(r, "$.revenue_by_category[*].units");
        List<Object> categoryRevenue = read(r, "$.revenue_by_category[*].revenue");
        for (int i = 0; i < categories.size(); i++) {
            assertThat(categoryOrders.get(i).longValue()).isEqualTo(categories.get(i).orders());
            assertThat(decimal(units.get(i))).isEqualByComparingTo(categories.get(i).units());
            assertThat(decimal(categoryRevenue.get(i))).isEqualByComparingTo(categories.get(i).revenue());
        }
        List<Map.Entry<String, BigDecimal>> ytd = OrderBook.topCustomers(
                book.where(OrderBook.between(LocalDate.parse("2017-01-01"), AS_OF)), 5);
        assertThat((List<String>) read(r, "$.top_customers[*].name"))
                .containsExactlyElementsOf(ytd.stream().map(Map.Entry::getKey).toList());
        MvcResult p = mvc.perform(demo.auth(get("/api/v1/dashboard/pipeline"))).andExpect(status().isOk()).andReturn();
        assertThat(((Number) read(p, "$.open_deals")).longValue()
                + ((Number) JsonPath.read(p.getResponse().getContentAsString(), "$.stages.length()")).longValue())
                .isPositive();
    }

    @Test
    @DisplayName("orders: all 5,009 orders through cursor pages, filters by customer and status, one order with lines")
    void ordersListAndDetail() throws Exception {
        String cursor = null;
        int seen = 0;
        Set<String> ids = new HashSet<>();
        do {
            var call = demo.auth(get("/api/v1/orders")).param("limit", "100");
            if (cursor != null) {
                call.param("cursor", cursor);
            }
            MvcResult page = mvc.perform(call).andExpect(status().isOk()).andReturn();
            List<String> pageIds = read(page, "$.items[*].id");
            seen += pageIds.size();
            ids.addAll(pageIds);
            String json = page.getResponse().getContentAsString();
            cursor = json.contains("\"next_cursor\"") ? JsonPath.read(json, "$.next_cursor") : null;
        } while (cursor != null);
        assertThat(seen).isEqualTo(book.orders.size()).isEqualTo(ids.size());

        OrderBook.Order sample = book.orders.get(42);
        MvcResult filtered = mvc.perform(demo.auth(get("/api/v1/orders")).param("customer", sample.customer())
                .param("from", sample.orderDate().toString()).param("to", sample.orderDate().toString()))
                .andExpect(status().isOk()).andReturn();
        assertThat((List<String>) read(filtered, "$.items[*].order_number")).contains(sample.number());
        String id = ((List<String>) read(filtered, "$.items[?(@.order_number == '" + sample.number() + "')].id"))
                .get(0);
        MvcResult one = mvc.perform(demo.auth(get("/api/v1/orders/" + id))).andExpect(status().isOk()).andReturn();
        assertThat(decimal(read(one, "$.total"))).isEqualByComparingTo(sample.total());
        List<Object> lineTotals = read(one, "$.lines[*].line_total");
        assertThat(lineTotals.stream().map(CommandDemoDataTest::decimal).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(sample.total());
        MvcResult pending = mvc.perform(demo.auth(get("/api/v1/orders")).param("status", "pending")
                .param("limit", "100")).andExpect(status().isOk()).andReturn();
        assertThat((List<String>) read(pending, "$.items[*].status")).isNotEmpty().containsOnly("pending");
        mvc.perform(demo.auth(get("/api/v1/orders")).param("cursor", "not-a-cursor"))
                .andExpect(status().isBadRequest());
    }

    @Test
    @DisplayName("customers and products are listed from the read model with their figures; insights answer")
    void catalogAndInsights() throws Exception {
        OrderBook.Order sample = book.orders.get(7);
        MvcResult c = mvc.perform(demo.auth(get("/api/v1/customers")).param("q", sample.customer()))
                .andExpect(status().isOk()).andReturn();
        assertThat((List<String>) read(c, "$.items[*].name")).contains(sample.customer());
        BigDecimal expected = OrderBook.total(book.where(o -> o.customer().equals(sample.customer())));
        assertThat(decimal(((List<Object>) read(c, "$.items[?(@.name == '" + sample.customer().replace("'", "\\'")
                + "')].revenue")).get(0))).isEqualByComparingTo(expected);
        MvcResult p = mvc.perform(demo.auth(get("/api/v1/products")).param("category", "Furniture").param("limit", "5"))
                .andExpect(status().isOk()).andReturn();
        assertThat((List<String>) read(p, "$.items[*].category")).hasSize(5).containsOnly("Furniture");
        MvcResult i = mvc.perform(demo.auth(get("/api/v1/insights"))).andExpect(status().isOk()).andReturn();
        assertThat((List<String>) read(i, "$.insights[*].kind")).containsExactly("summary", "anomalies",
                "stalled_deals");
        assertThat((String) read(i, "$.period.end")).isEqualTo("2017-12-30");
    }
}
