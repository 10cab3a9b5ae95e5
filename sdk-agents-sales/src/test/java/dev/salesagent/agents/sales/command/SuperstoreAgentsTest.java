package dev.salesagent.agents.sales.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salesagent.agents.graph.JdbcCheckpointer;
import dev.salesagent.agents.sales.command.demo.SuperstoreLoader;
import dev.salesagent.crm.memory.InMemoryCrmClient;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agents' numbers over the real Superstore order book, each checked against a value this test computes itself
 * from the CSV (its own parser) and from the memory CRM's bundled Salesforce sample opportunities (its own JSON read).
 */
class SuperstoreAgentsTest {

    static final String CSV = "/dev/salesagent/agents/sales/command/superstore.csv";
    static final LocalDate AS_OF = LocalDate.of(2017, 12, 30);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2017-12-30T12:00:00Z"), ZoneOffset.UTC);

    static InMemoryCrmClient crm;
    static CommandCenter center;
    static SuperstoreLoader.Summary summary;
    static List<String[]> lines = new ArrayList<>();
    static final int ORDER_ID = 1, ORDER_DATE = 2, SHIP_DATE = 3, CUSTOMER = 6, REGION = 12, PRODUCT_NAME = 16,
            SUB_CATEGORY = 15, SALES = 17, QUANTITY = 18;

    @BeforeAll
    static void load() throws Exception {
        crm = InMemoryCrmClient.builder().clock(CLOCK).sampleData().build();
        try (InputStream in = SuperstoreAgentsTest.class.getResourceAsStream(CSV)) {
            summary = SuperstoreLoader.load(crm, in);
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                SuperstoreAgentsTest.class.getResourceAsStream(CSV), StandardCharsets.UTF_8))) {
            r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
                for (int i = 0; i < f.length; i++) {
                    if (f[i].startsWith("\"") && f[i].endsWith("\"")) {
                        f[i] = f[i].substring(1, f[i].length() - 1).replace("\"\"", "\"");
                    }
                }
                lines.add(f);
            }
        }
        center = CommandCenter.builder().crm(crm).clock(CLOCK).build();
    }

    @AfterAll
    static void close() {
        center.close();
    }

    static boolean in(String[] l, String from, String to) {
        return l[ORDER_DATE].compareTo(from) >= 0 && l[ORDER_DATE].compareTo(to) <= 0;
    }

    @Test
    void loaderKeepsTheBooksCountsAndDates() {
        assertEquals(9994, lines.size());
        assertEquals(9994, summary.lines());
        assertEquals(lines.stream().map(l -> l[ORDER_ID]).distinct().count(), summary.orders());
        assertEquals(793, summary.accounts());
        assertEquals(LocalDate.of(2017, 12, 30), summary.lastOrderDate());
        assertEquals(LocalDate.of(2014, 1, 3), summary.firstOrderDate());
    }

    @Test
    void pendingOrdersThisMonthCountAndTotal() {
        CommandResponse r = center.ask("Show me pending orders this month", null, AS_OF);
        assertEquals(List.of("order_status"), r.intents());
        Set<String> ids = new HashSet<>();
        BigDecimal total = BigDecimal.ZERO;
        for (String[] l : lines) {
            if (in(l, "2017-12-01", "2017-12-31") && l[SHIP_DATE].compareTo("2017-12-30") > 0) {
                ids.add(l[ORDER_ID]);
                total = total.add(new BigDecimal(l[SALES]));
            }
        }
        assertFalse(ids.isEmpty());
        assertTrue(r.text().startsWith(ids.size() + " orders pending"), r.text());
        assertTrue(r.text().contains(CommandAgents.usd(total)), r.text() + " vs " + total);
        assertEquals(Math.min(20, ids.size()), r.data().size());
        assertTrue(r.data().stream().allMatch(row -> ids.contains((String) row.get("order_id"))));
    }

    @Test
    void averageOrderValueIn2016() {
        CommandResponse r = center.ask("What was our average order value in 2016?", null, AS_OF);
        Map<String, BigDecimal> byOrder = new HashMap<>();
        lines.stream().filter(l -> in(l, "2016-01-01", "2016-12-31"))
                .forEach(l -> byOrder.merge(l[ORDER_ID], new BigDecimal(l[SALES]), BigDecimal::add));
        BigDecimal total = byOrder.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal aov = total.divide(BigDecimal.valueOf(byOrder.size()), 2, RoundingMode.HALF_UP);
        assertTrue(r.text().contains(CommandAgents.usd(aov)) && r.text().contains(byOrder.size() + " orders"),
                r.text() + " expected " + aov);
        BigDecimal charted = r.chart().series().get(0).values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, total.compareTo(charted));
        assertEquals(12, r.chart().labels().size());
    }

    @Test
    void topFiveCustomersBy2017Revenue() {
        CommandResponse r = center.ask("top 5 customers by revenue in 2017", null, AS_OF);
        assertEquals(List.of("customer_query"), r.intents());
        Map<String, BigDecimal> rev = new HashMap<>();
        lines.stream().filter(l -> in(l, "2017-01-01", "2017-12-31"))
                .forEach(l -> rev.merge(l[CUSTOMER], new BigDecimal(l[SALES]), BigDecimal::add));
        List<Map.Entry<String, BigDecimal>> top = rev.entrySet().stream()
                .sorted(Map.Entry.<String, BigDecimal>comparingByValue().reversed()).limit(5).toList();
        assertEquals(5, r.data().size());
        for (int i = 0; i < 5; i++) {
            assertEquals(top.get(i).getKey(), r.data().get(i).get("customer"));
            assertEquals(0, top.get(i).getValue().compareTo((BigDecimal) r.data().get(i).get("revenue_usd")));
        }
        assertEquals("bar", r.chart().type());
        assertEquals(top.stream().map(Map.Entry::getKey).toList(), r.chart().labels());
    }

    @Test
    void followUpOnAnotherInstanceReusesTheTurnThroughTheCheckpointer() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:cc-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        try (CommandCenter one = CommandCenter.builder().crm(crm).clock(CLOCK)
                .checkpointer(new JdbcCheckpointer(ds).createSchema()).build();
             CommandCenter two = CommandCenter.builder().crm(crm).clock(CLOCK)
                     .checkpointer(new JdbcCheckpointer(ds)).build()) {
            CommandResponse first = one.ask("How much did Claire Gute order in 2016?", "thread-1", AS_OF);
            assertEquals("Claire Gute", first.query().entities().customer());
            CommandResponse next = two.ask("and for Sean Miller?", "thread-1", AS_OF);
            assertTrue(next.query().followUp());
            assertEquals(first.intents(), next.intents());
            assertEquals("Sean Miller", next.query().entities().customer());
            assertEquals(first.query().entities().period(), next.query().entities().period());
            BigDecimal sean = lines.stream().filter(l -> l[CUSTOMER].equals("Sean Miller")
                    && in(l, "2016-01-01", "2016-12-31")).map(l -> new BigDecimal(l[SALES]))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertTrue(next.text().contains(CommandAgents.usd(sean)), next.text() + " expected " + sean);
        }
    }

    @Test
    void bestSellingPhonesByRevenueAndUnitsInQ4() {
        CommandResponse r = center.ask("best selling phones in Q4 2017", null, AS_OF);
        assertEquals(List.of("product_query"), r.intents());
        assertEquals("Phones", r.query().entities().product());
        Map<String, BigDecimal> rev = new HashMap<>();
        BigDecimal units = BigDecimal.ZERO;
        for (String[] l : lines) {
            if (in(l, "2017-10-01", "2017-12-31") && l[SUB_CATEGORY].equals("Phones")) {
                rev.merge(l[PRODUCT_NAME], new BigDecimal(l[SALES]), BigDecimal::add);
                units = units.add(new BigDecimal(l[QUANTITY]));
            }
        }
        Map.Entry<String, BigDecimal> best = rev.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        assertEquals(best.getKey(), r.data().get(0).get("product"));
        assertEquals(0, best.getValue().compareTo((BigDecimal) r.data().get(0).get("revenue_usd")));
        assertTrue(r.text().startsWith(units.toPlainString() + " units sold"), r.text() + " expected " + units);
    }

    @Test
    void customersWhosePurchasesDeclinedQuarterOverQuarter() {
        CommandResponse r = center.ask("which customers declined this quarter?", null, AS_OF);
        Map<String, BigDecimal> q4 = new HashMap<>();
        Map<String, BigDecimal> q3 = new HashMap<>();
        for (String[] l : lines) {
            if (in(l, "2017-10-01", "2017-12-31")) {
                q4.merge(l[CUSTOMER], new BigDecimal(l[SALES]), BigDecimal::add);
            } else if (in(l, "2017-07-01", "2017-09-30")) {
                q3.merge(l[CUSTOMER], new BigDecimal(l[SALES]), BigDecimal::add);
            }
        }
        long declined = q3.entrySet().stream().filter(e -> q4.getOrDefault(e.getKey(), BigDecimal.ZERO)
                .compareTo(e.getValue()) < 0).count();
        assertTrue(r.text().startsWith(declined + " customers bought less"), r.text() + " expected " + declined);
        Map.Entry<String, BigDecimal> worst = q3.entrySet().stream().min(Comparator.comparing(
                e -> q4.getOrDefault(e.getKey(), BigDecimal.ZERO).subtract(e.getValue()))).orElseThrow();
        assertEquals(worst.getKey(), r.data().get(0).get("customer"));
    }

    @Test
    void anomaliesAreTheDaysWithATrailingZScoreOfThreeOrMore() {
        CommandResponse r = center.ask("any anomalies in daily orders in the last 90 days?", null, AS_OF);
        assertEquals(List.of("insight_request"), r.intents());
        TreeMap<LocalDate, Double> daily = new TreeMap<>();
        for (String[] l : lines) {
            daily.merge(LocalDate.parse(l[ORDER_DATE]), Double.parseDouble(l[SALES]), Double::sum);
        }
        List<String> expected = new ArrayList<>();
        for (LocalDate d = AS_OF.minusDays(89); !d.isAfter(AS_OF); d = d.plusDays(1)) {
            double[] b = new double[28];
            for (int i = 1; i <= 28; i++) {
                b[i - 1] = daily.getOrDefault(d.minusDays(i), 0.0);
            }
            double mean = java.util.Arrays.stream(b).sum() / 28;
            double ss = 0;
            for (double x : b) {
                ss += (x - mean) * (x - mean);
            }
            double sd = Math.sqrt(ss / 27);
            if (sd > 0 && Math.abs(daily.getOrDefault(d, 0.0) - mean) / sd >= 3) {
                expected.add(d.toString());
            }
        }
        assertEquals(expected, r.data().stream().map(row -> row.get("date").toString()).toList());
        assertFalse(expected.isEmpty(), "the book has spikes in the last 90 days");
    }

    @Test
    void pipelineByStageAndWinRateFromTheSampleOpportunities() throws Exception {
        JsonNode fixture;
        try (InputStream in = InMemoryCrmClient.class.getResourceAsStream("/dev/salesagent/crm/memory/sample-data.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        Map<String, BigDecimal> byStage = new TreeMap<>();
        long won = 0;
        long lost = 0;
        for (JsonNode o : fixture.path("opportunities")) {
            String stage = o.path("stage").asText();
            byStage.merge(stage, o.path("amount").decimalValue(), BigDecimal::add);
            // the sample spells them "Closed/Won" and "Closed Lost"
            won += stage.matches("Closed[ /]Won") ? 1 : 0;
            lost += stage.matches("Closed[ /]Lost") ? 1 : 0;
        }
        CommandResponse r = center.ask("What's in the pipeline by stage?", null, AS_OF);
        assertEquals(List.copyOf(byStage.keySet()), r.chart().labels());
        for (int i = 0; i < byStage.size(); i++) {
            assertEquals(0, List.copyOf(byStage.values()).get(i).compareTo(r.chart().series().get(0).values().get(i)));
        }
        CommandResponse rate = center.ask("what is our win rate?", null, AS_OF);
        assertEquals(won, rate.data().get(0).get("won"));
        assertEquals(lost, rate.data().get(0).get("lost"));
        assertTrue(won + lost > 0);
        BigDecimal pct = BigDecimal.valueOf(won * 100).divide(BigDecimal.valueOf(won + lost), 1, RoundingMode.HALF_UP);
        assertEquals(pct, rate.data().get(0).get("win_rate_percent"));
    }

    @Test
    void ambiguousNamesAreAskedBack() {
        CommandResponse r = center.ask("orders for Sean this year", null, AS_OF);
        assertEquals(List.of("router"), r.agents());
        List<String> seans = lines.stream().map(l -> l[CUSTOMER]).filter(c -> c.split(" ")[0].equals("Sean"))
                .distinct().sorted().collect(Collectors.toList());
        assertTrue(seans.size() > 1);
        assertEquals(seans, r.query().clarifications().get(0).options());
    }
}
