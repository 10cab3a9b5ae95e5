package dev.salesagent.crm.netsuite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.Account;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.CrmCapability;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.CrmNotFoundException;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.CustomerCredit;
import dev.salesagent.crm.InventoryLevel;
import dev.salesagent.crm.NewSalesOrder;
import dev.salesagent.crm.Note;
import dev.salesagent.crm.NoteTarget;
import dev.salesagent.crm.Opportunity;
import dev.salesagent.crm.OpportunitySearch;
import dev.salesagent.crm.OpportunityUpdate;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.Product;
import dev.salesagent.crm.SalesOrder;
import dev.salesagent.crm.SalesOrderLine;
import dev.salesagent.crm.SalesOrderSearch;
import dev.salesagent.crm.SalesOrderStatus;
import dev.salesagent.crm.UpsertResult;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetSuiteCrmClientTest {

    private final NetSuiteFixture fx = new NetSuiteFixture();
    private final NetSuiteCrmClient client = fx.m2mClient();

    @AfterAll
    void close() {
        client.close();
        fx.close();
    }

    private CrmId account(String domain) {
        return client.accounts().upsert(Account.builder().name(domain.toUpperCase()).domain(domain).build()).id();
    }

    @Test
    @DisplayName("declares every capability under provider id netsuite")
    void capabilities() {
        assertThat(client.providerId()).isEqualTo("netsuite");
        assertThat(client.capabilities()).containsExactlyInAnyOrder(CrmCapability.values());
    }

    @Nested
    @DisplayName("accounts and contacts")
    class Entities {

        @Test
        @DisplayName("an account upsert creates a company customer, a second one updates it by domain")
        void accountUpsert() {
            UpsertResult<Account> first = client.accounts().upsert(Account.builder().name("Acme")
                    .domain("https://www.Acme-Upsert.com/about").phone("+1 555 0100").build());
            assertThat(first.created()).isTrue();
            assertThat(first.record().domain()).isEqualTo("acme-upsert.com");
            assertThat(first.record().createdAt()).isNotNull();

            UpsertResult<Account> second = client.accounts().upsert(Account.builder().name("Acme Corp")
                    .domain("acme-upsert.com").build());
            assertThat(second.created()).isFalse();
            assertThat(second.id()).isEqualTo(first.id());
            assertThat(second.record().name()).isEqualTo("Acme Corp");
            assertThat(second.record().phone()).isEqualTo("+1 555 0100");
            assertThat(fx.sim.count("customer WHERE url LIKE '%acme-upsert.com'")).isEqualTo(1);
            assertThat(fx.sim.query("SELECT externalid, isperson FROM customer WHERE id = " + first.id().value()))
                    .containsExactly(Map.of("externalid", "sa-domain:acme-upsert.com", "isperson", "F"));
        }

        @Test
        @DisplayName("a contact is matched by e-mail ignoring case and linked to the account of its domain")
        void contactUpsert() {
            CrmId acme = account("contact-co.com");
            UpsertResult<Contact> created = client.contacts().upsert(Contact.builder().email("Jane.Doe@Contact-Co.com")
                    .firstName("Jane").lastName("Doe").accountDomain("contact-co.com").build());
            assertThat(created.created()).isTrue();
            assertThat(created.record().accountId()).isEqualTo(acme);
            assertThat(created.record().accountDomain()).isEqualTo("contact-co.com");

            UpsertResult<Contact> updated = client.contacts().upsert(Contact.builder().email("JANE.DOE@contact-co.com")
                    .title("CTO").build());
            assertThat(updated.created()).isFalse();
            assertThat(updated.record().title()).isEqualTo("CTO");
            assertThat(updated.record().firstName()).isEqualTo("Jane");
            assertThat(client.contacts().findByEmail("jane.doe@CONTACT-CO.com")).contains(updated.record());
            assertThat(client.contacts().get(created.id().value())).isEqualTo(updated.record());
        }

        @Test
        @DisplayName("batch upserts keep input order and report a bad record without failing the others")
        void batch() {
            var results = client.contacts().upsertAll(List.of(
                    Contact.builder().email("b1@batch.com").lastName("One").build(),
                    Contact.builder().email("not-an-email").lastName("Bad").build(),
                    Contact.builder().email("b3@batch.com").lastName("Three").build()));
            assertThat(results).extracting(r -> r.index()).containsExactly(0, 1, 2);
            assertThat(results.get(0).isSuccess()).isTrue();
            assertThat(results.get(1).error()).isInstanceOf(CrmValidationException.class);
            assertThat(((CrmValidationException) results.get(1).error()).fieldErrors())
                    .extracting(CrmValidationException.FieldError::field).containsExactly("email");
            assertThat(results.get(1).error().vendorCode()).isEqualTo("INVALID_FLD_VALUE");
            assertThat(results.get(2).result().record().lastName()).isEqualTo("Three");
        }

        @Test
        @DisplayName("with a batch executor, upsertAll runs records in parallel within the concurrency limit, in order")
        void parallelBatch() {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            try (NetSuiteFixture own = new NetSuiteFixture();
                 NetSuiteCrmClient parallel = own.client(own.m2m()).batchExecutor(pool).build()) {
                own.sim.processingDelay(java.time.Duration.ofMillis(5));
                List<Contact> input = new java.util.ArrayList<>();
                for (int i = 0; i < 24; i++) {
                    input.add(i == 5 ? Contact.builder().email("broken").build()
                            : Contact.builder().email("p" + i + "@parallel.com").lastName("P" + i).build());
                }
                var results = parallel.contacts().upsertAll(input);
                assertThat(results).extracting(r -> r.index())
                        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 24).boxed().toList());
                assertThat(results.get(5).error()).isInstanceOf(CrmValidationException.class);
                assertThat(results.get(23).result().record().email()).isEqualTo("p23@parallel.com");
                assertThat(own.sim.count("contact")).isEqualTo(23);
                assertThat(own.sim.maxObservedInFlight()).isBetween(2, 5);
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        @DisplayName("unknown ids are CrmNotFoundException, malformed ones too")
        void notFound() {
            assertThatThrownBy(() -> client.accounts().get("999999")).isInstanceOf(CrmNotFoundException.class);
            assertThatThrownBy(() -> client.contacts().get("abc")).isInstanceOf(CrmNotFoundException.class);
        }

        @Test
        @DisplayName("changed-since pages through SuiteQL with hasMore and the next link's offset")
        void changedSince() {
            Instant start = Instant.now().minusSeconds(2);
            for (int i = 0; i < 7; i++) {
                client.contacts().upsert(Contact.builder().email("page" + i + "@paging.com").lastName("P" + i).build());
            }
            List<Contact> all = Page.stream(p -> client.contacts().changedSince(start, p), 3)
                    .filter(c -> c.email().endsWith("@paging.com")).toList();
            assertThat(all).hasSize(7).extracting(Contact::email).doesNotHaveDuplicates();
            Page<Contact> first = client.contacts().changedSince(start, PageRequest.first(3));
            assertThat(first.items()).hasSize(3);
            assertThat(first.nextCursor()).isEqualTo("3");
        }
    }

    @Nested
    @DisplayName("notes")
    class Notes {

        @Test
        @DisplayName("a note is a completed phone call on the target, listed oldest first")
        void notes() {
            CrmId acme = account("notes.com");
            Note first = client.notes().create(NoteTarget.account(acme), "Called about renewal\nThey want 20 seats");
            client.notes().create(NoteTarget.account(acme), "Second");
            assertThat(first.body()).isEqualTo("Called about renewal\nThey want 20 seats");
            assertThat(fx.sim.query("SELECT title, status, company FROM phonecall WHERE id = " + first.id().value()))
                    .containsExactly(Map.of("title", "Called about renewal", "status", "COMPLETE",
                            "company", acme.value()));
            assertThat(client.notes().list(NoteTarget.account(acme), PageRequest.first(10)).items())
                    .extracting(Note::body).containsExactly(first.body(), "Second");
        }

        @Test
        @DisplayName("a note on a missing target or with a blank body is refused before writing")
        void invalid() {
            assertThatThrownBy(() -> client.notes().create(NoteTarget.contact(new CrmId("netsuite", "424242")), "x"))
                    .isInstanceOf(CrmNotFoundException.class);
            assertThatThrownBy(() -> client.notes().create(NoteTarget.account(account("blank.com")), " "))
                    .isInstanceOf(CrmValidationException.class);
        }
    }

    @Nested
    @DisplayName("throttling, failures and metrics")
    class Resilience {

        private int phoneCallPosts() {
            return fx.sim.server().findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                    com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(
                            "/services/rest/record/v1/phoneCall"))).size();
        }

        @Test
        @DisplayName("a create throttled with 400 SSS_REQUEST_LIMIT_EXCEEDED is retried (not processed) and stored once")
        void throttledPostRetried() {
            CrmId acme = account("throttled.com");
            int before = phoneCallPosts();
            fx.sim.failNext("POST", "/record/v1/phoneCall", 2, 400, "SSS_REQUEST_LIMIT_EXCEEDED");
            client.notes().create(NoteTarget.account(acme), "after throttling");
            assertThat(phoneCallPosts() - before).isEqualTo(3);
            assertThat(fx.sim.count("phonecall WHERE company = " + acme.value())).isEqualTo(1);
        }

        @Test
        @DisplayName("a create answered 500 is not repeated (it may have been processed) and surfaces as unavailable")
        void failedPostNotRepeated() {
            CrmId acme = account("failing.com");
            int before = phoneCallPosts();
            fx.sim.failNext("POST", "/record/v1/phoneCall", 1, 500, "UNEXPECTED_ERROR");
            assertThatThrownBy(() -> client.notes().create(NoteTarget.account(acme), "x"))
                    .isInstanceOfSatisfying(dev.salesagent.crm.CrmUnavailableException.class,
                            e -> assertThat(e.vendorCode()).isEqualTo("UNEXPECTED_ERROR"));
            assertThat(phoneCallPosts() - before).isEqualTo(1);
        }

        @Test
        @DisplayName("an update answered 503 is repeated (the PATCH sets absolute values) and lands")
        void patchRetried() {
            CrmId id = account("patchy.com");
            fx.sim.failNext("PATCH", "/record/v1/customer/" + id.value(), 1, 503, "SERVICE_UNAVAILABLE");
            UpsertResult<Account> r = client.accounts().upsert(Account.builder().domain("patchy.com")
                    .phone("+1 555 0199").build());
            assertThat(r.record().phone()).isEqualTo("+1 555 0199");
            assertThat(fx.sim.server().findAll(com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor(
                    com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(
                            "/services/rest/record/v1/customer/" + id.value())))).hasSize(2);
        }

        @Test
        @DisplayName("every call is timed as salesagent.crm.requests with provider and operation tags")
        void metrics() {
            var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
            try (NetSuiteCrmClient metered = fx.client(fx.m2m()).options(CrmClientOptions.builder().meterRegistry(registry).build()).build()) {
                metered.contacts().findByEmail("nobody@metrics.example");
            }
            assertThat(registry.find("salesagent.crm.requests").tag("provider", "netsuite")
                    .tag("operation", "contacts.find").timer()).isNotNull()
                    .satisfies(t -> assertThat(t.count()).isEqualTo(1));
        }
    }

    @Nested
    @DisplayName("sales orders, items, inventory, credit")
    class Erp {

        @Test
        @DisplayName("an order is written with item lines and read back with status, total and currency")
        void order() {
            CrmId customer = account("orders.com");
            long item = fx.sim.seedItem("EB-100", "E-bike 100", "City e-bike", new BigDecimal("1999.00"), fx.usd,
                    false);
            UpsertResult<SalesOrder> r = client.salesOrders().create(new NewSalesOrder(customer, List.of(
                    SalesOrderLine.ofSku("eb-100", new BigDecimal("2"), new BigDecimal("1899.50"))), "quote-1",
                    "USD", LocalDate.of(2026, 11, 20), "approved by J. Doe"));
            assertThat(r.created()).isTrue();
            SalesOrder o = r.record();
            assertThat(o.customerId()).isEqualTo(customer);
            assertThat(o.idempotencyKey()).isEqualTo("quote-1");
            assertThat(o.status()).isEqualTo(SalesOrderStatus.PENDING);
            assertThat(o.total()).isEqualByComparingTo("3799.00");
            assertThat(o.currency()).isEqualTo("USD");
            assertThat(o.orderDate()).isEqualTo(LocalDate.of(2026, 11, 20));
            assertThat(o.lines()).singleElement().satisfies(l -> {
                assertThat(l.productId()).isEqualTo(new CrmId("netsuite", Long.toString(item)));
                assertThat(l.sku()).isEqualTo("EB-100");
                assertThat(l.quantity()).isEqualByComparingTo("2");
                assertThat(l.unitPrice()).isEqualByComparingTo("1899.50");
            });

            fx.sim.setOrderStatus(Long.parseLong(o.id().value()), "E");
            assertThat(client.salesOrders().get(o.id().value()).status())
                    .isEqualTo(SalesOrderStatus.PARTIALLY_FULFILLED);
            assertThat(client.salesOrders().search(SalesOrderSearch.builder().customerId(customer)
                    .status(SalesOrderStatus.PARTIALLY_FULFILLED).build(), PageRequest.first(10)).items())
                    .extracting(SalesOrder::id).containsExactly(o.id());
            assertThat(client.salesOrders().search(SalesOrderSearch.builder().customerId(customer)
                    .status(SalesOrderStatus.FULFILLED).build(), PageRequest.first(10)).items()).isEmpty();
        }

        @Test
        @DisplayName("an unknown SKU is a validation error and no order is written")
        void unknownSku() {
            CrmId customer = account("nosku.com");
            assertThatThrownBy(() -> client.salesOrders().create(new NewSalesOrder(customer, List.of(
                    SalesOrderLine.ofSku("NOPE", BigDecimal.ONE, BigDecimal.TEN)), "quote-nosku", null, null, null)))
                    .isInstanceOf(CrmValidationException.class);
            assertThat(fx.sim.count("transaction WHERE externalid = 'quote-nosku'")).isZero();
        }

        @Test
        @DisplayName("items are found by SKU and text; availability is per location; credit has limit and balance")
        void catalog() {
            long item = fx.sim.seedItem("CAT-9", "Cargo trike", null, new BigDecimal("4200"), fx.eur, false);
            fx.sim.seedItem("CAT-OLD", "Old cargo", null, new BigDecimal("10"), fx.eur, true);
            fx.sim.seedItem("CAT_X", "100% cargo", null, new BigDecimal("1"), fx.eur, false);
            fx.sim.seedItem("CATAX", "Cat ax", null, new BigDecimal("1"), fx.eur, false);
            long berlin = fx.sim.seedLocation("Berlin");
            long austin = fx.sim.seedLocation("Austin");
            fx.sim.seedInventory(item, berlin, new BigDecimal("12"), new BigDecimal("15"));
            fx.sim.seedInventory(item, austin, new BigDecimal("0"), new BigDecimal("2"));

            Product p = client.products().findBySku("cat-9").orElseThrow();
            assertThat(p.name()).isEqualTo("Cargo trike");
            assertThat(p.unitPrice()).isEqualByComparingTo("4200");
            assertThat(p.currency()).isEqualTo("EUR");
            assertThat(p.active()).isTrue();
            assertThat(client.products().get(p.id().value())).isEqualTo(p);
            assertThat(client.products().search("cargo", PageRequest.first(10)).items())
                    .extracting(Product::sku, Product::active)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("CAT-9", true),
                            org.assertj.core.groups.Tuple.tuple("CAT-OLD", false),
                            org.assertj.core.groups.Tuple.tuple("CAT_X", true));
            assertThat(client.products().search("cat_", PageRequest.first(10)).items()).extracting(Product::sku)
                    .as("_ and %% match literally").containsExactly("CAT_X");
            assertThat(client.products().search("100%", PageRequest.first(10)).items()).extracting(Product::sku)
                    .containsExactly("CAT_X");

            Map<String, BigDecimal> available = client.inventory().availability("CAT-9").stream()
                    .collect(Collectors.toMap(InventoryLevel::location, InventoryLevel::available));
            assertThat(available).containsOnlyKeys("Berlin", "Austin");
            assertThat(available.get("Berlin")).isEqualByComparingTo("12");
            assertThatThrownBy(() -> client.inventory().availability("NOPE")).isInstanceOf(CrmNotFoundException.class);

            CrmId customer = account("credit.com");
            fx.sim.setCustomerCredit(Long.parseLong(customer.value()), new BigDecimal("10000"), new BigDecimal("2500"),
                    fx.usd);
            CustomerCredit credit = client.customers().credit(customer.value());
            assertThat(credit.availableCredit()).isEqualByComparingTo("7500");
            assertThat(credit.currency()).isEqualTo("USD");
        }

        @Test
        @DisplayName("opportunities are searched by stage and amount and updated by stage name and amount")
        void opportunities() {
            CrmId customer = account("opps.com");
            long qualified = fx.sim.seedEntityStatus("Qualified");
            fx.sim.seedEntityStatus("Proposal");
            long rep = fx.sim.seedEmployee("Sam Seller");
            long opp = fx.sim.seedOpportunity("Fleet deal", Long.parseLong(customer.value()), qualified, rep,
                    new BigDecimal("50000"), fx.usd, LocalDate.of(2026, 12, 31));
            List<Opportunity> found = client.opportunities().search(OpportunitySearch.builder().stage("Qualified")
                    .minAmount(new BigDecimal("40000")).ownerId(Long.toString(rep)).build(), PageRequest.first(10))
                    .items();
            assertThat(found).extracting(Opportunity::name).containsExactly("Fleet deal");
            assertThat(found.get(0).closeDate()).isEqualTo(LocalDate.of(2026, 12, 31));

            Opportunity updated = client.opportunities().update(Long.toString(opp), OpportunityUpdate.builder()
                    .stage("Proposal").amount(new BigDecimal("55000")).build());
            assertThat(updated.stage()).isEqualTo("Proposal");
            assertThat(updated.amount()).isEqualByComparingTo("55000");
            assertThatThrownBy(() -> client.opportunities().update(Long.toString(opp), OpportunityUpdate.builder()
                    .stage("No such stage").build())).isInstanceOf(CrmValidationException.class);
        }
    }
}
