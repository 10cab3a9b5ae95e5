package dev.salesagent.crm.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.salesagent.crm.Account;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.CrmNotFoundException;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.NewSalesOrder;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.Product;
import dev.salesagent.crm.SalesOrder;
import dev.salesagent.crm.SalesOrderLine;
import dev.salesagent.crm.SalesOrderSearch;
import dev.salesagent.crm.SalesOrderStatus;
import dev.salesagent.crm.UpsertResult;
import dev.salesagent.crm.salesforce.simulator.SalesforceSimulator;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Salesforce orders and products")
class SalesforceOrdersProductsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/services/data/" + SalesforceSimulator.API_VERSION;
    private static TestOrg org;
    private static SalesforceCrmClient client;
    private static CrmId customer;

    @BeforeAll
    static void start() {
        org = new TestOrg(true);
        client = org.client();
        customer = client.accounts().upsert(Account.builder().name("Order Test Co").domain("order-test.example")
                .build()).id();
    }

    @AfterAll
    static void stop() {
        org.close();
    }

    private static List<LoggedRequest> composites() {
        return org.sim.server().findAll(postRequestedFor(urlPathEqualTo(API + "/composite")));
    }

    private static long ordersWithKey(String key) {
        return org.sim.records("Order").stream()
                .filter(o -> key.equals(o.path(SalesforceSimulator.ORDER_KEY_FIELD).asText(null))).count();
    }

    @Test
    @DisplayName("products from the ebikes sample data are found by SKU with their standard price")
    void sampleProducts() {
        Product fuse = client.products().findBySku("FUSE-X1").orElseThrow();
        assertThat(fuse.name()).isEqualTo("FUSE X1");
        assertThat(fuse.unitPrice()).isEqualByComparingTo("2500");
        assertThat(fuse.currency()).isEqualTo("USD");
        assertThat(client.products().findBySku("fuse-x1")).as("SKU match is exact").isEmpty();
        assertThat(client.products().search("fuse", PageRequest.first(100)).items()).extracting(Product::sku)
                .contains("FUSE-X1").allSatisfy(sku -> assertThat(sku).contains("FUSE"));
    }

    @Test
    @DisplayName("an order, its lines and their read-back go out as one allOrNone Composite request referencing @{order.id}")
    void compositeShape() throws Exception {
        Product fuse = client.products().findBySku("FUSE-X1").orElseThrow();
        UpsertResult<SalesOrder> created = client.salesOrders().create(NewSalesOrder.builder().customerId(customer)
                .idempotencyKey("shape-1").orderDate(LocalDate.of(2026, 3, 1)).memo("Spring fleet")
                .line(SalesOrderLine.ofSku("FUSE-X1", new BigDecimal("2"), new BigDecimal("2400")))
                .line(new SalesOrderLine(fuse.id(), null, new BigDecimal("1"), new BigDecimal("2500"))).build());

        assertThat(created.created()).isTrue();
        SalesOrder order = created.record();
        assertThat(order.id().value()).startsWith("801");
        assertThat(order.status()).isEqualTo(SalesOrderStatus.PENDING);
        assertThat(order.total()).isEqualByComparingTo("7300");
        assertThat(order.lines()).extracting(SalesOrderLine::sku).containsExactly("FUSE-X1", "FUSE-X1");
        assertThat(order.customFields()).containsEntry("memo", "Spring fleet").containsKey("orderNumber");

        JsonNode body = JSON.readTree(composites().get(composites().size() - 1).getBodyAsString());
        assertThat(body.get("allOrNone").asBoolean()).isTrue();
        JsonNode subs = body.get("compositeRequest");
        assertThat(subs).hasSize(5);
        assertThat(subs.get(3).get("method").asText()).isEqualTo("GET");
        assertThat(subs.get(3).get("url").asText()).startsWith(API + "/query?q=").contains("@{order.id}");
        assertThat(subs.get(4).get("url").asText()).contains("OrderItem", "@{order.id}");
        assertThat(subs.get(0).get("method").asText()).isEqualTo("POST");
        assertThat(subs.get(0).get("url").asText()).isEqualTo(API + "/sobjects/Order");
        assertThat(subs.get(0).get("body").get(SalesforceSimulator.ORDER_KEY_FIELD).asText()).isEqualTo("shape-1");
        assertThat(subs.get(0).get("body").get("Status").asText()).isEqualTo("Draft");
        assertThat(subs.get(0).get("body").get("Pricebook2Id").asText()).isEqualTo(org.sim.standardPricebookId());
        assertThat(subs.get(1).get("url").asText()).isEqualTo(API + "/sobjects/OrderItem");
        assertThat(subs.get(1).get("body").get("OrderId").asText()).isEqualTo("@{order.id}");
        assertThat(subs.get(1).get("body").get("UnitPrice").decimalValue()).isEqualByComparingTo("2400");
    }

    @Test
    @DisplayName("a composite retried after a read timeout on the first attempt leaves exactly one order")
    void timeoutThenRetryCreatesOneOrder() {
        Map<String, String> config = org.jwtConfig();
        // generous numbers, so that the retry is not also timed out on a loaded machine: the first answer comes
        // only after 30 s, well past the client's 10 s read timeout, and the retry has 10 s to answer
        config.put("readTimeout", "10s");
        try (SalesforceCrmClient impatient = org.client(config)) {
            impatient.products().findBySku("FUSE-X1"); // session and price book lookups before the delay
            int before = composites().size();
            org.sim.delayNextResponse("/composite", Duration.ofSeconds(30));

            UpsertResult<SalesOrder> result = impatient.salesOrders().create(NewSalesOrder.builder()
                    .customerId(customer).idempotencyKey("timeout-1")
                    .line(SalesOrderLine.ofSku("FUSE-X1", BigDecimal.ONE, new BigDecimal("2500"))).build());

            assertThat(composites()).hasSize(before + 2);
            assertThat(ordersWithKey("timeout-1")).isEqualTo(1);
            assertThat(result.created()).as("the retry found the order the first attempt made").isFalse();
            assertThat(result.record().idempotencyKey()).isEqualTo("timeout-1");
            assertThat(result.record().lines()).hasSize(1);
            assertThat(org.waits).isNotEmpty();
        }
    }

    @Test
    @DisplayName("the same idempotency key returns the existing order without a Composite call")
    void sameKeyNoSecondCall() {
        NewSalesOrder order = NewSalesOrder.builder().customerId(customer).idempotencyKey("same-1")
                .line(SalesOrderLine.ofSku("FUSE-X1", BigDecimal.ONE, new BigDecimal("2500"))).build();
        SalesOrder first = client.salesOrders().create(order).record();
        int calls = composites().size();
        UpsertResult<SalesOrder> second = client.salesOrders().create(order);
        assertThat(second.created()).isFalse();
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(composites()).hasSize(calls);
        assertThat(ordersWithKey("same-1")).isEqualTo(1);
    }

    @Test
    @DisplayName("unknown SKUs and customers are CrmNotFoundException; more than 22 lines is CrmValidationException")
    void failures() {
        assertThatThrownBy(() -> client.salesOrders().create(NewSalesOrder.builder().customerId(customer)
                .idempotencyKey("bad-sku").line(SalesOrderLine.ofSku("NO-SUCH", BigDecimal.ONE, BigDecimal.ONE)).build()))
                .isInstanceOf(CrmNotFoundException.class).hasMessageContaining("NO-SUCH");
        assertThatThrownBy(() -> client.salesOrders().create(NewSalesOrder.builder()
                .customerId(CrmId.of("salesforce", "001ZZ9999999999AAA")).idempotencyKey("bad-customer")
                .line(SalesOrderLine.ofSku("FUSE-X1", BigDecimal.ONE, BigDecimal.ONE)).build()))
                .isInstanceOfSatisfying(CrmNotFoundException.class,
                        e -> assertThat(e.vendorCode()).isEqualTo("INVALID_CROSS_REFERENCE_KEY"));
        assertThat(ordersWithKey("bad-customer")).as("allOrNone rolled the order back").isZero();
        NewSalesOrder.Builder big = NewSalesOrder.builder().customerId(customer).idempotencyKey("big");
        for (int i = 0; i < 23; i++) {
            big.line(SalesOrderLine.ofSku("FUSE-X1", BigDecimal.ONE, BigDecimal.ONE));
        }
        assertThatThrownBy(() -> client.salesOrders().create(big.build()))
                .isInstanceOfSatisfying(CrmValidationException.class, e -> assertThat(e.fieldErrors())
                        .extracting(CrmValidationException.FieldError::code).containsExactly("TOO_MANY_LINES"));
        assertThatThrownBy(() -> client.salesOrders().create(NewSalesOrder.builder().customerId(customer)
                .idempotencyKey("eur").currency("EUR")
                .line(SalesOrderLine.ofSku("FUSE-X1", BigDecimal.ONE, BigDecimal.ONE)).build()))
                .isInstanceOf(CrmValidationException.class).hasMessageContaining("single-currency");
    }

    @Test
    @DisplayName("search filters the sample orders by customer, status and date; unmapped statuses match nothing")
    void search() {
        JsonNode sampleOrder = org.sim.records("Order").get(0);
        CrmId sampleCustomer = CrmId.of("salesforce", sampleOrder.get("AccountId").asText());
        List<SalesOrder> orders = client.salesOrders().search(SalesOrderSearch.builder().customerId(sampleCustomer)
                .status(SalesOrderStatus.PENDING).orderDateFrom(LocalDate.of(2025, 1, 1))
                .orderDateTo(LocalDate.of(2025, 12, 31)).build(), PageRequest.first(10)).items();
        assertThat(orders).hasSize(2).allSatisfy(o -> {
            assertThat(o.customerId()).isEqualTo(sampleCustomer);
            assertThat(o.lines()).isNotEmpty();
            assertThat(o.total()).isEqualByComparingTo(o.lines().stream().map(SalesOrderLine::lineTotal)
                    .reduce(BigDecimal.ZERO, BigDecimal::add));
        });
        assertThat(client.salesOrders().search(SalesOrderSearch.builder().status(SalesOrderStatus.CANCELLED).build(),
                PageRequest.first(10)).items()).isEmpty();
    }
}
