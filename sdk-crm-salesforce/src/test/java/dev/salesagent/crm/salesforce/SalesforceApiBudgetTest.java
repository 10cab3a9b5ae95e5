package dev.salesagent.crm.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.Account;
import dev.salesagent.crm.BatchItemResult;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.CrmNotFoundException;
import dev.salesagent.crm.salesforce.simulator.SalesforceSimulator;
import dev.salesagent.crm.NewSalesOrder;
import dev.salesagent.crm.SalesOrderLine;
import dev.salesagent.crm.spi.CrmConfig;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * API requests count against the org's 24-hour allocation, so each operation's request count is pinned here
 * (measured on the simulator's {@code Sforce-Limit-Info} counter) along with the metric tags.
 */
@DisplayName("Salesforce API request budget per operation")
class SalesforceApiBudgetTest {

    private final TestOrg org = new TestOrg(true);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<String> observed = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ObservationRegistry observations = observationRegistry(observed);
    private final SalesforceCrmClient client = SalesforceCrmClient.builder(
            SalesforceConfig.from(CrmConfig.of(org.jwtConfig()))).options(
            CrmClientOptions.builder().meterRegistry(meters).observationRegistry(observations).build()).build();

    private static ObservationRegistry observationRegistry(List<String> names) {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new ObservationHandler<Observation.Context>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onStop(Observation.Context context) {
                names.add(context.getName());
            }
        });
        return registry;
    }

    @AfterEach
    void close() {
        client.close();
        org.close();
    }

    private long calls(Runnable action) {
        long before = org.sim.apiUsage();
        action.run();
        return org.sim.apiUsage() - before;
    }

    @Test
    @DisplayName("upsert = 2 requests (+1 describe on first use), findByEmail = 1, delete = 1, upsertAll of 450 = 6, order create = 4 "
            + "(a repeat = 2)")
    void budget() {
        client.contacts().findByEmail("warm@example.com");
        assertThat(calls(() -> client.contacts().upsert(Contact.builder().email("zero@example.com").lastName("Zero")
                .build()))).as("key field describe (first use) + collections upsert + SOQL read-back").isEqualTo(3);
        assertThat(calls(() -> client.contacts().upsert(Contact.builder().email("one@example.com").lastName("One")
                .build()))).as("collections upsert + SOQL read-back").isEqualTo(2);
        assertThat(calls(() -> client.contacts().findByEmail("one@example.com"))).isEqualTo(1);
        String oneId = client.contacts().findByEmail("one@example.com").orElseThrow().id().value();
        assertThat(calls(() -> client.contacts().delete(oneId))).as("DELETE sobjects/Contact/{id}").isEqualTo(1);
        assertThat(org.sim.server().findAll(deleteRequestedFor(urlPathEqualTo("/services/data/"
                + SalesforceSimulator.API_VERSION + "/sobjects/Contact/" + oneId)))).hasSize(1);
        assertThatThrownBy(() -> client.contacts().delete(oneId)).as("a deleted contact is in the Recycle Bin")
                .isInstanceOfSatisfying(CrmNotFoundException.class,
                        e -> assertThat(e.vendorCode()).isEqualTo("ENTITY_IS_DELETED"));
        assertThat(calls(() -> assertThatThrownBy(() -> client.contacts().delete("001000000000001AAA"))
                .isInstanceOf(CrmNotFoundException.class))).as("not a Contact id: no request").isZero();

        List<Contact> many = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            many.add(Contact.builder().email("many" + i + "@example.com").lastName("Many").build());
        }
        List<BatchItemResult<Contact>> results = new ArrayList<>();
        assertThat(calls(() -> results.addAll(client.contacts().upsertAll(many))))
                .as("3 collection calls + 3 read-backs").isEqualTo(6);
        assertThat(results).allMatch(BatchItemResult::isSuccess);

        CrmId customer = client.accounts().upsert(Account.builder().name("Budget").domain("budget.example").build()).id();
        NewSalesOrder order = NewSalesOrder.builder().customerId(customer).idempotencyKey("budget-1")
                .line(SalesOrderLine.ofSku("FUSE-X1", BigDecimal.ONE, new BigDecimal("2500"))).build();
        assertThat(calls(() -> client.salesOrders().create(order)))
                .as("key lookup, price book, price entries, composite with read-back")
                .isEqualTo(4);
        assertThat(calls(() -> client.salesOrders().create(order))).as("key lookup + its lines").isEqualTo(2);
        NewSalesOrder next = NewSalesOrder.builder().customerId(customer).idempotencyKey("budget-2")
                .line(SalesOrderLine.ofSku("FUSE-X1", BigDecimal.ONE, new BigDecimal("2500"))).build();
        assertThat(calls(() -> client.salesOrders().create(next))).as("price book id cached").isEqualTo(3);

        Timer upserts = meters.find("salesagent.crm.requests").tags("provider", "salesforce",
                "operation", "contacts.upsertAll", "outcome", "SUCCESS").timer();
        assertThat(upserts).isNotNull();
        assertThat(upserts.count()).isEqualTo(3);
        assertThat(meters.find("salesagent.crm.requests").tag("operation", "salesOrders.create").timer())
                .isNotNull();
        assertThat(observed).isNotEmpty().allMatch("salesagent.crm.call"::equals);
    }
}
