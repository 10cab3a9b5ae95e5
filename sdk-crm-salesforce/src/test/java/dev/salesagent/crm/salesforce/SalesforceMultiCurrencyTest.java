package dev.salesagent.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesagent.crm.Account;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.CrmNotFoundException;
import dev.salesagent.crm.NewSalesOrder;
import dev.salesagent.crm.Opportunity;
import dev.salesagent.crm.SalesOrder;
import dev.salesagent.crm.SalesOrderLine;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Salesforce multi-currency orgs")
class SalesforceMultiCurrencyTest {

    private final TestOrg org = new TestOrg(false, true);
    private final SalesforceCrmClient client;

    SalesforceMultiCurrencyTest() {
        Map<String, String> config = org.jwtConfig();
        config.put("multiCurrency", "true");
        client = org.client(config);
    }

    @AfterEach
    void close() {
        client.close();
        org.close();
    }

    @Test
    @DisplayName("an order in EUR uses the EUR price book entries and carries CurrencyIsoCode")
    void orderInEuro() {
        String product = org.sim.addProduct("BIKE-1", "Bike", new BigDecimal("100"), true);
        org.sim.addPrice(product, "EUR", new BigDecimal("90"));
        CrmId customer = client.accounts().upsert(Account.builder().name("Euro GmbH").domain("euro.example").build())
                .id();

        SalesOrder order = client.salesOrders().create(NewSalesOrder.builder().customerId(customer)
                .idempotencyKey("eur-1").currency("EUR")
                .line(SalesOrderLine.ofSku("BIKE-1", new BigDecimal("2"), new BigDecimal("90"))).build()).record();

        assertThat(order.currency()).isEqualTo("EUR");
        assertThat(order.total()).isEqualByComparingTo("180");
        String entry = org.sim.records("OrderItem").get(0).get("PricebookEntryId").asText();
        assertThat(org.sim.record(entry).orElseThrow().get("CurrencyIsoCode").asText()).isEqualTo("EUR");

        assertThat(client.products().findBySku("BIKE-1")).hasValueSatisfying(p -> {
            assertThat(p.currency()).as("products are priced in the configured currency").isEqualTo("USD");
            assertThat(p.unitPrice()).isEqualByComparingTo("100");
        });
        assertThatThrownBy(() -> client.salesOrders().create(NewSalesOrder.builder().customerId(customer)
                .idempotencyKey("gbp-1").currency("GBP")
                .line(SalesOrderLine.ofSku("BIKE-1", BigDecimal.ONE, BigDecimal.ONE)).build()))
                .isInstanceOf(CrmNotFoundException.class).hasMessageContaining("no standard price in GBP");
    }

    @Test
    @DisplayName("opportunities report their own CurrencyIsoCode")
    void opportunityCurrency() {
        String id = org.sim.put("Opportunity", Map.of("Name", "Euro deal", "StageName", "Prospecting",
                "CloseDate", "2027-01-31", "Amount", 5000, "CurrencyIsoCode", "EUR")).get("Id").asText();
        Opportunity o = client.opportunities().get(id);
        assertThat(o.currency()).isEqualTo("EUR");
    }
}
