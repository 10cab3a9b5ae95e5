package dev.salesagent.crm.netsuite;

import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salesagent.crm.Account;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.NewSalesOrder;
import dev.salesagent.crm.SalesOrder;
import dev.salesagent.crm.SalesOrderLine;
import dev.salesagent.crm.UpsertResult;
import dev.salesagent.crm.http.RetryPolicy;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A duplicated or lost sales order is real money: these tests prove a retry never creates a second order. */
class NetSuiteSalesOrderIdempotencyTest {

    private final NetSuiteFixture fx = new NetSuiteFixture();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        fx.close();
    }

    private NetSuiteCrmClient client(Map<String, String> extra, RetryPolicy retry) {
        Map<String, String> config = fx.m2m();
        config.putAll(extra);
        NetSuiteCrmClient client = fx.client(config).retryPolicy(retry).build();
        closeables.add(client);
        return client;
    }

    private static NewSalesOrder order(CrmId customer, String key) {
        return new NewSalesOrder(customer, List.of(new SalesOrderLine(new CrmId("netsuite", "1"), null,
                new BigDecimal("3"), new BigDecimal("19.99"))), key, null, null, null);
    }

    private CrmId customer(NetSuiteCrmClient client) {
        fx.sim.seedItem("SKU-1", "Widget", null, new BigDecimal("19.99"), fx.usd, false);
        return client.accounts().upsert(Account.builder().name("Buyer").domain("buyer.example").build()).id();
    }

    private int orders(String key) {
        return fx.sim.count("transaction WHERE type = 'SalesOrd' AND externalid = '" + key + "'");
    }

    @Test
    @DisplayName("the first PUT times out after NetSuite stored the order: the retry finds that order, never a second")
    void timeoutAfterStored() {
        NetSuiteCrmClient client = client(Map.of("readTimeout", "1s"), NetSuiteFixture.fastRetries());
        CrmId customer = customer(client);
        fx.sim.delayAfterStoring("PUT", "/salesOrder/eid:", 1, Duration.ofMillis(2500));

        UpsertResult<SalesOrder> result = client.salesOrders().create(order(customer, "quote-timeout"));

        assertThat(fx.sim.server().findAll(putRequestedFor(urlPathEqualTo(
                "/services/rest/record/v1/salesOrder/eid:quote-timeout")))).as("the PUT was retried").hasSizeGreaterThan(1);
        assertThat(orders("quote-timeout")).isEqualTo(1);
        assertThat(fx.sim.count("transactionline WHERE transaction = " + result.id().value())).isEqualTo(1);
        assertThat(result.record().idempotencyKey()).isEqualTo("quote-timeout");
        assertThat(result.record().total()).isEqualByComparingTo("59.97");

        UpsertResult<SalesOrder> again = client.salesOrders().create(order(customer, "quote-timeout"));
        assertThat(again.created()).isFalse();
        assertThat(again.id()).isEqualTo(result.id());
        assertThat(orders("quote-timeout")).isEqualTo(1);
    }

    @Test
    @DisplayName("50 concurrent submissions with 10 duplicated keys create exactly 40 orders within 5 in-flight requests")
    void concurrentDuplicates() throws Exception {
        NetSuiteCrmClient client = client(Map.of(), NetSuiteFixture.fastRetries());
        CrmId customer = customer(client);
        fx.sim.concurrencyLimit(5).processingDelay(Duration.ofMillis(3));
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            keys.add("run-7/quote-" + i);
        }
        for (int i = 0; i < 10; i++) {
            keys.add("run-7/quote-" + (i * 4));
        }
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<UpsertResult<SalesOrder>>> futures = new ArrayList<>();
        for (String key : keys) {
            futures.add(pool.submit(() -> {
                start.await();
                return client.salesOrders().create(order(customer, key));
            }));
        }
        start.countDown();
        List<UpsertResult<SalesOrder>> results = new ArrayList<>();
        for (Future<UpsertResult<SalesOrder>> f : futures) {
            results.add(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(fx.sim.count("transaction WHERE type = 'SalesOrd'")).isEqualTo(40);
        assertThat(fx.sim.query("SELECT externalid, COUNT(*) AS n FROM transaction WHERE type = 'SalesOrd' "
                + "GROUP BY externalid HAVING COUNT(*) > 1")).isEmpty();
        assertThat(results.stream().filter(UpsertResult::created).count()).isEqualTo(40);
        Map<String, List<String>> idsByKey = results.stream().collect(Collectors.groupingBy(
                r -> r.record().idempotencyKey(), Collectors.mapping(r -> r.id().value(), Collectors.toList())));
        assertThat(idsByKey).hasSize(40).allSatisfy((key, ids) -> assertThat(ids).containsOnly(ids.get(0)));
        assertThat(fx.sim.rejectedForConcurrency()).isZero();
        assertThat(fx.sim.maxObservedInFlight()).isBetween(2, 5);
    }

    @Test
    @DisplayName("429 CONCURRENCY_LIMIT_EXCEEDED from a busy account is backed off and retried; each order once")
    void throttledByNetSuite() throws Exception {
        NetSuiteCrmClient client = client(Map.of("maxConcurrentRequests", "20"), RetryPolicy.builder().maxAttempts(30)
                .initialBackoff(Duration.ofMillis(2)).maxBackoff(Duration.ofMillis(20)).jitter(0.5).build());
        CrmId customer = customer(client);
        fx.sim.concurrencyLimit(3).processingDelay(Duration.ofMillis(5));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<UpsertResult<SalesOrder>>> futures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String key = "busy-" + i;
            futures.add(pool.submit(() -> {
                start.await();
                return client.salesOrders().create(order(customer, key));
            }));
        }
        start.countDown();
        for (Future<UpsertResult<SalesOrder>> f : futures) {
            assertThat(f.get(60, TimeUnit.SECONDS).created()).isTrue();
        }
        pool.shutdown();
        assertThat(fx.sim.rejectedForConcurrency()).isPositive();
        assertThat(fx.sim.count("transaction WHERE type = 'SalesOrd'")).isEqualTo(20);
    }
}
