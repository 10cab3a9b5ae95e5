package dev.salesagent.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesagent.crm.CrmCapability;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmClients;
import dev.salesagent.crm.CrmConfigurationException;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.SalesOrderStatus;
import dev.salesagent.crm.UnsupportedCapabilityException;
import dev.salesagent.crm.salesforce.simulator.SalesforceSimulator;
import dev.salesagent.crm.spi.CrmClientProvider;
import dev.salesagent.crm.spi.CrmConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Salesforce configuration and provider")
class SalesforceConfigTest {

    @Test
    @DisplayName("validation reports every problem at once")
    void everyProblemAtOnce() {
        CrmConfig config = CrmConfig.of(Map.of("privateKey", "not a pem", "clientSecret", "x", "apiVersion", "62",
                "queryBatchSize", "5000", "readTimeout", "soon", "loginUrl", "::nope",
                "orderStatusMapping", "FULFILLED=Activated", "contactKeyField", "Bad Field"));
        assertThatThrownBy(() -> SalesforceConfig.from(config))
                .isInstanceOfSatisfying(CrmConfigurationException.class, e -> {
                    assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(8);
                    assertThat(String.join("\n", e.problems())).contains("exactly one of privateKey, clientSecret",
                            "apiVersion", "queryBatchSize", "readTimeout", "loginUrl", "orderStatusMapping",
                            "contactKeyField", "PEM");
                    assertThat(SalesforceConfig.validate(config)).isEqualTo(e.problems());
                });
        assertThat(SalesforceConfig.validate(CrmConfig.of(Map.of("clientId", "id", "clientSecret", "s")))).isEmpty();
    }

    @Test
    @DisplayName("an unreadable private key is a configuration error when the client is created")
    void unreadableKey() {
        CrmConfig config = CrmConfig.of(Map.of("clientId", "c", "username", "u",
                "privateKey", "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----"));
        assertThatThrownBy(() -> CrmClients.create("salesforce", config))
                .isInstanceOfSatisfying(CrmConfigurationException.class, e -> assertThat(e.problems())
                        .singleElement().asString().contains("privateKey"));
    }

    @Test
    @DisplayName("each flow names the keys it still needs")
    void flowKeys() {
        assertThatThrownBy(() -> SalesforceConfig.from(CrmConfig.empty()))
                .hasMessageContaining("missing credentials");
        assertThatThrownBy(() -> SalesforceConfig.from(CrmConfig.of(Map.of("privateKey", TestOrg.privateKeyPem()))))
                .hasMessageContaining("[clientId, username]");
        assertThatThrownBy(() -> SalesforceConfig.from(CrmConfig.of(Map.of("accessToken", "00D!x"))))
                .hasMessageContaining("[baseUrl]");
    }

    @Test
    @DisplayName("defaults: v62.0, login.salesforce.com, SalesAgent_* key fields, Draft/Activated, USD, 2000-row batches")
    void defaults() {
        SalesforceConfig c = SalesforceConfig.from(CrmConfig.of(Map.of("clientId", "id", "clientSecret", "s")));
        assertThat(c.authFlow()).isEqualTo(SalesforceConfig.AuthFlow.CLIENT_CREDENTIALS);
        assertThat(c.apiVersion()).isEqualTo("v62.0");
        assertThat(c.loginUrl()).hasToString("https://login.salesforce.com");
        assertThat(c.contactKeyField()).isEqualTo("SalesAgent_Email__c");
        assertThat(c.accountKeyField()).isEqualTo("SalesAgent_Domain__c");
        assertThat(c.orderKeyField()).isEqualTo("SalesAgent_Idempotency_Key__c");
        assertThat(c.orderStatuses()).containsEntry(SalesOrderStatus.PENDING, "Draft")
                .containsEntry(SalesOrderStatus.FULFILLED, "Activated");
        assertThat(c.currency()).isEqualTo("USD");
        assertThat(c.queryBatchSize()).isEqualTo(2000);
        assertThat(c.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.toString()).doesNotContain("s]");
    }

    @Test
    @DisplayName("the JWT audience is login or test.salesforce.com even when tokens come from a My Domain host")
    void jwtAudience() {
        assertThat(audienceFor("https://login.salesforce.com")).isEqualTo("https://login.salesforce.com");
        assertThat(audienceFor("https://acme.my.salesforce.com")).isEqualTo("https://login.salesforce.com");
        assertThat(audienceFor("https://test.salesforce.com")).isEqualTo("https://test.salesforce.com");
        assertThat(audienceFor("https://acme--uat.sandbox.my.salesforce.com")).isEqualTo("https://test.salesforce.com");
        assertThat(audienceFor("https://acme.my.site.com/customers")).isEqualTo("https://acme.my.site.com/customers");
        assertThat(SalesforceConfig.from(CrmConfig.of(Map.of("clientId", "c", "username", "u", "privateKey",
                TestOrg.privateKeyPem(), "jwtAudience", "https://custom.example"))).jwtAudience())
                .isEqualTo("https://custom.example");
    }

    private static String audienceFor(String loginUrl) {
        return SalesforceConfig.from(CrmConfig.of(Map.of("clientId", "c", "username", "u",
                "privateKey", TestOrg.privateKeyPem(), "loginUrl", loginUrl))).jwtAudience();
    }

    @Test
    @DisplayName("works from SALESAGENT_CRM_SALESFORCE_* environment variables")
    void fromEnvironment() {
        SalesforceConfig c = SalesforceConfig.from(CrmConfig.fromEnvironment(Map.of(
                "SALESAGENT_CRM_SALESFORCE_CLIENT_ID", "id", "SALESAGENT_CRM_SALESFORCE_CLIENT_SECRET", "s",
                "SALESAGENT_CRM_SALESFORCE_LOGIN_URL", "https://acme.my.salesforce.com/"), "SALESAGENT_CRM_SALESFORCE_"));
        assertThat(c.clientId()).isEqualTo("id");
        assertThat(c.loginUrl()).hasToString("https://acme.my.salesforce.com");
    }

    @Test
    @DisplayName("is discovered through ServiceLoader as 'salesforce' and declares no inventory or credit")
    void provider() {
        assertThat(CrmClients.available()).extracting(CrmClientProvider::id).contains("salesforce");
        try (SalesforceSimulator sim = new SalesforceSimulator()) {
            Properties p = new Properties();
            p.setProperty("crm.salesforce.accessToken", sim.issueSession());
            p.setProperty("crm.salesforce.baseUrl", sim.baseUrl());
            try (CrmClient client = CrmClients.create("salesforce", CrmConfig.fromProperties(p, "crm.salesforce."))) {
                assertThat(client).isInstanceOf(SalesforceCrmClient.class);
                assertThat(client.capabilities()).containsExactlyInAnyOrder(CrmCapability.CONTACTS,
                        CrmCapability.ACCOUNTS, CrmCapability.NOTES, CrmCapability.OPPORTUNITIES,
                        CrmCapability.SALES_ORDERS, CrmCapability.PRODUCTS, CrmCapability.CONTACT_DELETE);
                assertThatThrownBy(client::inventory).isInstanceOf(UnsupportedCapabilityException.class);
                assertThatThrownBy(client::customers).isInstanceOf(UnsupportedCapabilityException.class);
                assertThat(client.contacts().upsert(Contact.builder().email("static@example.com").lastName("S").build())
                        .created()).isTrue();
            }
        }
        assertThatThrownBy(() -> CrmClients.create("salesforce", CrmConfig.empty()))
                .isInstanceOf(CrmConfigurationException.class).hasMessageContaining("salesforce");
    }
}
