package dev.salesagent.crm.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salesagent.crm.Account;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.CrmConfigurationException;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.NewSalesOrder;
import dev.salesagent.crm.SalesOrder;
import dev.salesagent.crm.SalesOrderLine;
import dev.salesagent.crm.UpsertResult;
import dev.salesagent.crm.salesforce.simulator.SalesforceSimulator;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 25: the adapter against Salesforce's documented contract, each rule enforced by the simulator too.
 */
@DisplayName("Salesforce vendor contract")
class SalesforceVendorContractTest {

    private static final String API = "/services/data/" + SalesforceSimulator.API_VERSION;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TestOrg org = new TestOrg(true);

    @AfterEach
    void close() {
        org.close();
    }

    @Test
    @DisplayName("single upserts go through sObject Collections, so keys like acme.inc / x.json never sit in a URL path")
    void singleUpsertKeepsKeyOutOfThePath() {
        var client = org.client();
        UpsertResult<Account> account = client.accounts().upsert(Account.builder().name("Acme").domain("acme.inc")
                .build());
        assertThat(account.created()).isTrue();
        assertThat(account.record().domain()).isEqualTo("acme.inc");
        UpsertResult<Contact> contact = client.contacts().upsert(Contact.builder().email("ceo@data.json")
                .lastName("Json").build());
        assertThat(contact.record().email()).isEqualTo("ceo@data.json");
        UpsertResult<Account> again = client.accounts().upsert(Account.builder().name("Acme Inc").domain("acme.inc")
                .build());
        assertThat(again.created()).isFalse();
        assertThat(again.record().id()).isEqualTo(account.record().id());
        assertThat(again.record().name()).isEqualTo("Acme Inc");
        assertThat(org.sim.server().findAll(patchRequestedFor(urlPathMatching(API + "/sobjects/.*")))).isEmpty();
        assertThat(org.sim.server().findAll(patchRequestedFor(urlPathMatching(API + "/composite/sobjects/.*"))))
                .hasSize(3);
    }

    @Test
    @DisplayName("a new contact without LastName still gets the placeholder on the single path")
    void singleUpsertFillsRequiredField() {
        Contact c = org.client().contacts().upsert(Contact.builder().email("nolast@corp.inc").firstName("No")
                .build()).record();
        assertThat(c.lastName()).isEqualTo("[not provided]");
    }

    @Test
    @DisplayName("a 404 from the collections upsert resource is a configuration problem, not a missing record")
    void collection404IsConfiguration() {
        var client = org.client();
        client.accounts().upsert(Account.builder().name("Warm").domain("warm.example").build()); // describe checked
        org.sim.failNext("/composite/sobjects/Account", 404, "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"Provided "
                + "external ID field does not exist or is not accessible: SalesAgent_Domain__c\"}]");
        assertThatThrownBy(() -> client.accounts().upsert(Account.builder().name("X").domain("x.example").build()))
                .isInstanceOf(CrmConfigurationException.class)
                .hasMessageContaining("External ID");
    }

    @Test
    @DisplayName("the first upsert reads the describe and refuses a key field marked External ID but not Unique")
    void nonUniqueKeyFieldRefused() {
        org.sim.markKeyNotUnique("Account", SalesforceConfig.DEFAULT_ACCOUNT_KEY_FIELD);
        var client = org.client();
        assertThatThrownBy(() -> client.accounts().upsert(Account.builder().name("A").domain("a.example").build()))
                .isInstanceOf(CrmConfigurationException.class)
                .hasMessageContaining("not Unique").hasMessageContaining("View All Data");
        assertThat(org.sim.records("Account")).noneMatch(r -> "a.example".equals(
                r.path(SalesforceConfig.DEFAULT_ACCOUNT_KEY_FIELD).asText()));
        // contacts use their own, unique key field
        assertThat(client.contacts().upsert(Contact.builder().email("ok@a.example").lastName("Ok").build()).created())
                .isTrue();

        Map<String, String> allowing = org.jwtConfig();
        allowing.put("allowNonUniqueKeyFields", "true");
        try (SalesforceCrmClient viewAllData = org.client(allowing)) {
            assertThat(viewAllData.accounts().upsert(Account.builder().name("A").domain("a.example").build())
                    .created()).isTrue();
        }
    }

    @Test
    @DisplayName("a key field that is not an external id at all is refused before any write")
    void missingKeyFieldRefused() {
        Map<String, String> config = org.jwtConfig();
        config.put("accountKeyField", "Website");
        try (SalesforceCrmClient client = org.client(config)) {
            assertThatThrownBy(() -> client.accounts().upsertAll(java.util.List.of(Account.builder().name("B")
                    .domain("b.example").build())))
                    .isInstanceOf(CrmConfigurationException.class)
                    .hasMessageContaining("Account.Website is not marked External ID");
        }
        assertThat(org.sim.server().findAll(patchRequestedFor(urlPathMatching(API + "/composite/sobjects/.*"))))
                .isEmpty();
    }

    @Test
    @DisplayName("orders: collateSubrequests=false, so the Composite read-back runs after the lines are written")
    void orderReadBackSeesLines() throws Exception {
        var client = org.client();
        CrmId customer = client.accounts().upsert(Account.builder().name("Lines").domain("lines.example").build())
                .id();
        SalesOrder created = client.salesOrders().create(NewSalesOrder.builder().customerId(customer)
                .idempotencyKey("lines-1")
                .line(SalesOrderLine.ofSku("FUSE-X1", new BigDecimal("2"), new BigDecimal("2400")))
                .line(SalesOrderLine.ofSku("FUSE-X1", new BigDecimal("1"), new BigDecimal("2300"))).build()).record();
        assertThat(created.lines()).extracting(SalesOrderLine::quantity)
                .usingElementComparator(BigDecimal::compareTo).containsExactly(new BigDecimal("2"), BigDecimal.ONE);
        var composites = org.sim.server().findAll(postRequestedFor(urlPathEqualTo(API + "/composite")));
        JsonNode body = JSON.readTree(composites.get(composites.size() - 1).getBodyAsString());
        assertThat(body.path("collateSubrequests").isBoolean()).isTrue();
        assertThat(body.path("collateSubrequests").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("money and quantities go out as plain decimals (toPlainString), never 1E+3")
    void plainDecimals() throws Exception {
        var client = org.client();
        CrmId customer = client.accounts().upsert(Account.builder().name("Decimals").domain("decimals.example")
                .annualRevenue(new BigDecimal("1.5E+7")).build()).id();
        assertThat(client.accounts().get(customer.value()).annualRevenue()).isEqualByComparingTo("15000000");
        NewSalesOrder order = NewSalesOrder.builder().customerId(customer).idempotencyKey("plain-1")
                .line(SalesOrderLine.ofSku("FUSE-X1", new BigDecimal("1E+3"), new BigDecimal("2.4E+3")))
                .line(SalesOrderLine.ofSku("FUSE-X1", new BigDecimal("2"), new BigDecimal("0.0000001")))
                .build();
        SalesOrder created = client.salesOrders().create(order).record();
        assertThat(created.lines()).hasSize(2);
        assertThat(created.lines().get(0).quantity()).isEqualByComparingTo("1000");
        assertThat(created.lines().get(0).unitPrice()).isEqualByComparingTo("2400");
        assertThat(created.lines().get(1).unitPrice()).isEqualByComparingTo("0.0000001");

        var composites = org.sim.server().findAll(postRequestedFor(urlPathEqualTo(API + "/composite")));
        String raw = composites.get(composites.size() - 1).getBodyAsString();
        assertThat(raw).contains("\"Quantity\":1000,").contains("\"UnitPrice\":2400")
                .contains("\"UnitPrice\":0.0000001").doesNotContainPattern("[0-9][eE][+-]?[0-9]");
    }
}
