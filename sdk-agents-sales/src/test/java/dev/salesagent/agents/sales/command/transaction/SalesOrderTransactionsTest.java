package dev.salesagent.agents.sales.command.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salesagent.agents.graph.Checkpointer;
import dev.salesagent.agents.graph.InMemoryCheckpointer;
import dev.salesagent.agents.graph.JdbcCheckpointer;
import dev.salesagent.agents.sales.command.EntityCatalog;
import dev.salesagent.agents.sales.command.QueryRouter;
import dev.salesagent.crm.Account;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.NewSalesOrder;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.Product;
import dev.salesagent.crm.SalesOrder;
import dev.salesagent.crm.SalesOrderOperations;
import dev.salesagent.crm.SalesOrderSearch;
import dev.salesagent.crm.UpsertResult;
import dev.salesagent.crm.memory.InMemoryCrmClient;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SalesOrderTransactionsTest {

    static final LocalDate AS_OF = LocalDate.of(2017, 12, 30);

    InMemoryCrmClient crm;
    Checkpointer checkpointer;
    String disneyId;

    @BeforeEach
    void seed() {
        crm = InMemoryCrmClient.create();
        disneyId = crm.seedAccount(Account.builder().name("Walt Disney Co").build()).id().value();
        String acme = crm.seedAccount(Account.builder().name("Acme Corp").build()).id().value();
        crm.seedAccount(Account.builder().name("Acme Labs").build());
        crm.seedProduct(Product.builder().sku("HAT-1").name("Classic Baseball Hat").unitPrice(new BigDecimal("50.00"))
                .build(), Map.of("Main", new BigDecimal("600"), "East", new BigDecimal("100")));
        crm.seedProduct(Product.builder().sku("HAT-2").name("Wool Winter Hat").unitPrice(new BigDecimal("20.00"))
                .build(), Map.of("Main", new BigDecimal("5")));
        crm.seedCredit(disneyId, new BigDecimal("40000"), new BigDecimal("10000"), "USD");
        crm.seedCredit(acme, new BigDecimal("100"), new BigDecimal("0"), "USD");
        checkpointer = new InMemoryCheckpointer();
    }

    SalesOrderTransactions tx(CrmClient client, Checkpointer cp) {
        EntityCatalog catalog = EntityCatalog.builder().customers(List.of("Walt Disney Co", "Acme Corp", "Acme Labs"))
                .products(List.of("Classic Baseball Hat", "Wool Winter Hat")).build();
        return SalesOrderTransactions.builder().crm(client).router(QueryRouter.rules(catalog)).checkpointer(cp)
                .build();
    }

    List<SalesOrder> orders() {
        return crm.salesOrders().search(SalesOrderSearch.all(), PageRequest.first(100)).items();
    }

    static OrderDraft hats(String id, String customer, String qty, String price) {
        return OrderDraft.of(id, customer, "Classic Baseball Hat", qty == null ? null : new BigDecimal(qty),
                price == null ? null : new BigDecimal(price));
    }

    @Test
    void wordsBecomeADraftThatWaitsForReviewThenSubmitsOnceOnApproval() {
        SalesOrderTransactions t = tx(crm, checkpointer);
        TransactionView v = t.start("t1", "Create a sales order for Disney, 500 Classic Baseball Hats, $50 each",
                AS_OF);
        assertEquals(TransactionStatus.AWAITING_REVIEW, v.status());
        assertEquals(List.of(), v.issues(), v.toString());
        assertEquals("Walt Disney Co", v.draft().customer());
        assertEquals(disneyId, v.draft().customerId());
        assertEquals("HAT-1", v.draft().lines().get(0).sku());
        assertEquals(0, new BigDecimal("25000").compareTo(v.draft().total()));
        assertEquals(List.of(), orders(), "nothing is created before approval");

        TransactionView done = t.approve("t1");
        assertEquals(TransactionStatus.SUBMITTED, done.status());
        assertNotNull(done.orderId());
        List<SalesOrder> orders = orders();
        assertEquals(1, orders.size());
        assertEquals(done.idempotencyKey(), orders.get(0).idempotencyKey());
        assertEquals(0, new BigDecimal("25000").compareTo(orders.get(0).total()));

        TransactionView again = t.approve("t1");
        assertEquals(done.orderId(), again.orderId());
        assertEquals(1, orders().size(), "approving twice submits once");
    }

    @Test
    void everyValidationFailureComesBackAsAList() {
        SalesOrderTransactions t = tx(crm, checkpointer);
        assertEquals(List.of("CUSTOMER_MISSING", "QUANTITY_MISSING", "PRICE_MISSING"),
                codes(t.start("a", hats("a", null, null, null))));
        assertEquals(List.of("CUSTOMER_NOT_FOUND"), codes(t.start("b", hats("b", "Umbrella Inc", "1", "50"))));
        assertEquals(List.of("CUSTOMER_AMBIGUOUS"), codes(t.start("c", hats("c", "Acme", "1", "50"))));
        assertEquals(List.of("PRODUCT_NOT_FOUND"), codes(t.start("d",
                OrderDraft.of("d", "Walt Disney Co", "Golden Umbrella", BigDecimal.ONE, BigDecimal.TEN))));
        assertEquals(List.of("PRODUCT_AMBIGUOUS"), codes(t.start("e",
                OrderDraft.of("e", "Walt Disney Co", "hats", BigDecimal.ONE, BigDecimal.TEN))));
        assertEquals(List.of("QUANTITY_INVALID"), codes(t.start("f", hats("f", "Walt Disney Co", "-3", "50"))));
        assertEquals(List.of("PRICE_OUT_OF_RANGE"), codes(t.start("g", hats("g", "Walt Disney Co", "1", "39.99"))));
        assertEquals(List.of(), codes(t.start("g2", hats("g2", "Walt Disney Co", "1", "40.00"))), "20% is allowed");
        assertEquals(List.of("PRICE_OUT_OF_RANGE"), codes(t.start("h", hats("h", "Walt Disney Co", "1", "60.01"))));
        assertEquals(List.of("INSUFFICIENT_INVENTORY"), codes(t.start("i", OrderDraft.of("i", "Walt Disney Co",
                "Wool Winter Hat", new BigDecimal("6"), new BigDecimal("20")))));
        // 30,000 available credit (40,000 limit - 10,000 open): 601 x 50 = 30,050 is over
        assertEquals(List.of("CREDIT_EXCEEDED"), codes(t.start("j", hats("j", "Walt Disney Co", "601", "50"))));
        assertEquals(List.of("CREDIT_EXCEEDED"), codes(t.start("k", hats("k", "Acme Corp", "3", "50"))));
        TransactionView noLines = t.start("l", new OrderDraft("l", "Walt Disney Co", null, List.of(), null, null));
        assertEquals(List.of("NO_LINES"), codes(noLines));
        assertEquals(List.of(), orders());
    }

    @Test
    void anInvalidDraftCannotBeApprovedButCanBeEditedThenApproved() {
        SalesOrderTransactions t = tx(crm, checkpointer);
        t.start("e1", OrderDraft.of("e1", "Walt Disney Co", "Wool Winter Hat", new BigDecimal("6"),
                new BigDecimal("20")));
        TransactionView still = t.approve("e1");
        assertEquals(TransactionStatus.AWAITING_REVIEW, still.status());
        assertEquals(List.of("INSUFFICIENT_INVENTORY"), codes(still));
        assertEquals(List.of(), orders());
        TransactionView edited = t.edit("e1", hats("e1", "disney", "100", "45"));
        assertEquals(TransactionStatus.AWAITING_REVIEW, edited.status());
        assertEquals(List.of(), edited.issues());
        assertEquals("Walt Disney Co", edited.draft().customer());
        TransactionView done = t.approve("e1");
        assertEquals(TransactionStatus.SUBMITTED, done.status());
        assertEquals(0, new BigDecimal("4500").compareTo(crm.salesOrders().get(done.orderId()).total()));
        assertNotNull(done.idempotencyKey());
        assertTrue(!done.idempotencyKey().equals(still.idempotencyKey()));
    }

    @Test
    void aRejectedDraftIsNeverSubmitted() {
        SalesOrderTransactions t = tx(crm, checkpointer);
        t.start("r1", hats("r1", "Walt Disney Co", "10", "50"));
        TransactionView r = t.reject("r1", "wrong customer");
        assertEquals(TransactionStatus.REJECTED, r.status());
        assertEquals("wrong customer", r.reason());
        assertThrows(IllegalStateException.class, () -> t.approve("r1"));
        assertEquals(List.of(), orders());
        assertThrows(IllegalStateException.class, () -> t.approve("nope"));
    }

    @Test
    void concurrentApprovalsOnTwoInstancesCreateOneOrder() throws Exception {
        SalesOrderTransactions a = tx(crm, checkpointer);
        SalesOrderTransactions b = tx(crm, checkpointer);
        int rounds = 10;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int i = 0; i < rounds; i++) {
                String id = "c" + i;
                a.start(id, hats(id, "Walt Disney Co", "2", "50"));
                CountDownLatch go = new CountDownLatch(1);
                List<Future<TransactionView>> results = List.of(
                        pool.submit(() -> { go.await(); return a.approve(id); }),
                        pool.submit(() -> { go.await(); return b.approve(id); }),
                        pool.submit(() -> { go.await(); return a.approve(id); }),
                        pool.submit(() -> { go.await(); return b.approve(id); }));
                go.countDown();
                for (Future<TransactionView> f : results) {
                    try {
                        TransactionView v = f.get();
                        assertTrue(v.status() == TransactionStatus.SUBMITTED
                                || v.status() == TransactionStatus.APPROVED, v.toString());
                    } catch (java.util.concurrent.ExecutionException e) {
                        // a losing concurrent resume may be refused by the runtime; the order count below is the contract
                    }
                }
                assertEquals(TransactionStatus.SUBMITTED, a.approve(id).status());
            }
        } finally {
            pool.shutdownNow();
        }
        List<SalesOrder> orders = orders();
        assertEquals(rounds, orders.size(), "one order per draft");
        assertEquals(rounds, orders.stream().map(SalesOrder::idempotencyKey).distinct().count());
    }

    @Test
    void aCrashBetweenSubmitAndRecordResumesOnAnotherInstanceWithExactlyOneOrder() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:tx-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Checkpointer jdbc = new JdbcCheckpointer(ds).createSchema();
        AtomicBoolean crash = new AtomicBoolean(true);
        AtomicInteger creates = new AtomicInteger();
        CrmClient crashing = crashingAfterCreate(crm, crash, creates);
        SalesOrderTransactions first = tx(crashing, jdbc);
        TransactionView started = first.start("x1", "Create an order for Disney: 10 Classic Baseball Hats at $50 each",
                AS_OF);
        assertEquals(List.of(), started.issues(), started.toString());
        assertEquals(TransactionStatus.AWAITING_REVIEW, started.status());
        assertThrows(RuntimeException.class, () -> first.approve("x1"));
        assertEquals(1, orders().size(), "the CRM took the order before the crash");
        first.close();

        crash.set(false);
        SalesOrderTransactions second = tx(crm, new JdbcCheckpointer(ds));
        TransactionView resumed = second.get("x1").orElseThrow();
        assertEquals(TransactionStatus.APPROVED, resumed.status(), "approved, submission cut short");
        assertNull(resumed.orderId());
        TransactionView done = second.approve("x1");
        assertEquals(TransactionStatus.SUBMITTED, done.status());
        List<SalesOrder> orders = orders();
        assertEquals(1, orders.size(), "exactly one order");
        assertEquals(orders.get(0).id().value(), done.orderId());
        assertEquals(1, creates.get());
        assertEquals(done.orderId(), second.approve("x1").orderId());
        assertEquals(1, orders().size());
    }

    /** The CRM with a create that succeeds and then "crashes" the caller while {@code crash} is set. */
    static CrmClient crashingAfterCreate(InMemoryCrmClient crm, AtomicBoolean crash, AtomicInteger creates) {
        SalesOrderOperations orders = new SalesOrderOperations() {
            @Override
            public UpsertResult<SalesOrder> create(NewSalesOrder order) {
                UpsertResult<SalesOrder> r = crm.salesOrders().create(order);
                if (crash.get()) {
                    creates.incrementAndGet();
                    throw new IllegalStateException("process died after the CRM accepted the order");
                }
                return r;
            }

            @Override
            public SalesOrder get(String id) {
                return crm.salesOrders().get(id);
            }

            @Override
            public dev.salesagent.crm.Page<SalesOrder> search(SalesOrderSearch search, PageRequest page) {
                return crm.salesOrders().search(search, page);
            }
        };
        return (CrmClient) Proxy.newProxyInstance(CrmClient.class.getClassLoader(), new Class<?>[] {CrmClient.class},
                (proxy, method, args) -> method.getName().equals("salesOrders") ? orders
                        : method.invoke(crm, args));
    }

    static List<String> codes(TransactionView v) {
        return v.issues().stream().map(ValidationIssue::code).toList();
    }
}
