package dev.salesagent.crm.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesagent.crm.Account;
import dev.salesagent.crm.BatchItemResult;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmClients;
import dev.salesagent.crm.CrmNotFoundException;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.MutableClock;
import dev.salesagent.crm.NewSalesOrder;
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
import dev.salesagent.crm.spi.CrmConfig;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InMemoryCrmClientTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final InMemoryCrmClient crm = InMemoryCrmClient.builder().clock(clock).build();

    @Test
    void upsertByEmailIgnoresCaseUpdatesNonNullFieldsAndKeepsCreatedAt() {
        UpsertResult<Contact> first = crm.contacts().upsert(Contact.builder().email("Jane@Acme.com").firstName("Jane")
                .title("CTO").customFields(Map.of("a", 1)).build());
        clock.advance(Duration.ofMinutes(1));
        UpsertResult<Contact> second = crm.contacts().upsert(Contact.builder().email("jane@ACME.com").lastName("Doe")
                .customFields(Map.of("b", 2)).build());
        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.id()).isEqualTo(first.id());
        Contact stored = crm.contacts().get(first.id().value());
        assertThat(stored.firstName()).isEqualTo("Jane");
        assertThat(stored.lastName()).isEqualTo("Doe");
        assertThat(stored.title()).isEqualTo("CTO");
        assertThat(stored.customFields()).containsEntry("a", 1).containsEntry("b", 2);
        assertThat(stored.createdAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(stored.updatedAt()).isEqualTo(Instant.parse("2026-01-01T00:01:00Z"));
        assertThat(crm.contacts().findByEmail(" JANE@acme.com")).contains(stored);
    }

    @Test
    void contactLinksToAccountByDomain() {
        Account acme = crm.accounts().upsert(Account.builder().name("Acme").domain("https://www.acme.com").build()).record();
        Contact c = crm.contacts().upsert(Contact.builder().email("a@acme.com").accountDomain("acme.com").build()).record();
        assertThat(c.accountId()).isEqualTo(acme.id());
        assertThat(crm.accounts().findByDomain("ACME.com")).contains(acme);
    }

    @Test
    void batchReportsPerItemErrorsInInputOrder() {
        List<Contact> input = List.of(Contact.builder().email("a@x.io").build(), Contact.builder().email("broken").build(),
                Contact.builder().build(), Contact.builder().email("A@x.io").firstName("again").build());
        List<BatchItemResult<Contact>> results = crm.contacts().upsertAll(input);
        assertThat(results).extracting(BatchItemResult::index).containsExactly(0, 1, 2, 3);
        assertThat(results).extracting(BatchItemResult::isSuccess).containsExactly(true, false, false, true);
        assertThat(((CrmValidationException) results.get(1).error()).fieldErrors())
                .extracting(CrmValidationException.FieldError::code).containsExactly("INVALID_EMAIL");
        assertThat(((CrmValidationException) results.get(2).error()).fieldErrors())
                .extracting(CrmValidationException.FieldError::field).containsExactly("email");
        assertThat(results.get(3).result().created()).isFalse();
    }

    @Test
    void changedSinceIsStrictlyAfterAndPagesWithStableCursors() {
        IntStream.range(0, 5).forEach(i -> crm.accounts().upsert(Account.builder().domain("old" + i + ".com").build()));
        Instant mark = clock.instant();
        clock.advance(Duration.ofSeconds(1));
        IntStream.range(0, 7).forEach(i -> crm.accounts().upsert(Account.builder().domain("new" + i + ".com").build()));
        crm.accounts().upsert(Account.builder().domain("old0.com").name("touched").build());
        List<String> domains = Page.stream(req -> crm.accounts().changedSince(mark, req), 3).map(Account::domain).toList();
        assertThat(domains).hasSize(8).doesNotHaveDuplicates().contains("old0.com").doesNotContain("old1.com");
        assertThat(domains.get(7)).isEqualTo("old0.com");
    }

    @Test
    void unknownIdsAndTargetsAreNotFound() {
        assertThatThrownBy(() -> crm.contacts().get("nope")).isInstanceOf(CrmNotFoundException.class)
                .hasMessageContaining("provider=memory");
        assertThatThrownBy(() -> crm.notes().create(NoteTarget.account(
                dev.salesagent.crm.CrmId.of("memory", "account-999")), "hi")).isInstanceOf(CrmNotFoundException.class);
        assertThatThrownBy(() -> crm.inventory().availability("NO-SKU")).isInstanceOf(CrmNotFoundException.class);
        assertThatThrownBy(() -> crm.customers().credit("x")).isInstanceOf(CrmNotFoundException.class);
    }

    @Test
    void salesOrderIsIdempotentByKeyAndResolvesSkus() {
        Account acme = crm.accounts().upsert(Account.builder().domain("acme.com").build()).record();
        Product bike = crm.seedProduct(Product.builder().sku("EB-1").name("E-bike").unitPrice(new BigDecimal("1999")).build(),
                Map.of("Berlin", BigDecimal.TEN));
        NewSalesOrder order = NewSalesOrder.builder().customerId(acme.id()).idempotencyKey("run-1/quote-7")
                .line(SalesOrderLine.ofSku("EB-1", new BigDecimal("2"), new BigDecimal("1899.50")))
                .orderDate(LocalDate.of(2026, 1, 2)).build();
        UpsertResult<SalesOrder> first = crm.salesOrders().create(order);
        UpsertResult<SalesOrder> again = crm.salesOrders().create(order);
        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(first.record().total()).isEqualByComparingTo("3799.00");
        assertThat(first.record().lines().get(0).productId()).isEqualTo(bike.id());
        assertThat(crm.salesOrders().search(SalesOrderSearch.builder().customerId(acme.id()).build(), PageRequest.first(10))
                .items()).hasSize(1);
        crm.updateOrderStatus(first.id().value(), SalesOrderStatus.FULFILLED);
        assertThat(crm.salesOrders().search(SalesOrderSearch.builder().status(SalesOrderStatus.PENDING).build(),
                PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void opportunitySearchAndUpdate() {
        Opportunity big = crm.seedOpportunity(Opportunity.builder().name("big").ownerId("u1").stage("qualification")
                .amount(new BigDecimal("50000")).closeDate(LocalDate.of(2026, 3, 1)).build());
        crm.seedOpportunity(Opportunity.builder().name("small").ownerId("u1").stage("qualification")
                .amount(new BigDecimal("500")).closeDate(LocalDate.of(2026, 3, 1)).build());
        Page<Opportunity> found = crm.opportunities().search(OpportunitySearch.builder().ownerId("u1")
                .minAmount(new BigDecimal("1000")).closeDateTo(LocalDate.of(2026, 3, 31)).build(), PageRequest.first(10));
        assertThat(found.items()).extracting(Opportunity::name).containsExactly("big");
        clock.advance(Duration.ofSeconds(5));
        Opportunity updated = crm.opportunities().update(big.id().value(),
                OpportunityUpdate.builder().stage("closedwon").build());
        assertThat(updated.stage()).isEqualTo("closedwon");
        assertThat(updated.amount()).isEqualByComparingTo("50000");
        assertThat(crm.opportunities().changedSince(big.updatedAt(), PageRequest.first(10)).items())
                .extracting(Opportunity::name).containsExactly("big");
    }

    @Test
    void concurrentUpsertsOfOneKeyCreateOneRecord() throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<UpsertResult<Contact>> results = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 4; i++) {
            threads.add(new Thread(() -> results.add(crm.contacts().upsert(Contact.builder().email("same@x.io").build()))));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertThat(results).filteredOn(UpsertResult::created).hasSize(1);
        assertThat(results).extracting(UpsertResult::id).containsOnly(results.get(0).id());
    }

    @Test
    void bundledSampleDataLoadsThroughTheProvider() {
        try (CrmClient sample = CrmClients.create("memory", CrmConfig.of(Map.of("sampleData", "true")))) {
            assertThat(Page.stream(r -> sample.accounts().changedSince(Instant.EPOCH, r), 100).count()).isEqualTo(46);
            assertThat(Page.stream(r -> sample.contacts().changedSince(Instant.EPOCH, r), 100).count()).isEqualTo(150);
            Contact lianna = sample.contacts().findByEmail("LSinisbury0@dropbox.com").orElseThrow();
            assertThat(lianna.accountId()).isNotNull();
            assertThat(sample.products().findBySku("FUSE-X1")).get().extracting(Product::unitPrice)
                    .isEqualTo(new BigDecimal("2500"));
            assertThat(sample.inventory().availability("FUSE-X1")).hasSize(3);
            assertThat(sample.products().search("fuse", PageRequest.first(50)).items()).hasSizeGreaterThanOrEqualTo(4);
        }
    }
}
