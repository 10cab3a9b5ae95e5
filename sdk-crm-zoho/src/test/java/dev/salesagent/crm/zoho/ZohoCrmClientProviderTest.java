package dev.salesagent.crm.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesagent.crm.CrmCapability;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmClients;
import dev.salesagent.crm.spi.CrmConfig;
import dev.salesagent.crm.tck.CrmClientProviderCompatibilityKit;
import dev.salesagent.crm.zoho.sim.ZohoSimulator;
import java.util.EnumSet;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The {@code zoho} provider found through {@link CrmClients}. */
class ZohoCrmClientProviderTest extends CrmClientProviderCompatibilityKit {

    private final ZohoSimulator sim = ZohoSimulator.launch();

    @AfterEach
    void stop() {
        try {
            assertThat(sim.violations()).isEmpty();
        } finally {
            sim.stop();
        }
    }

    @Override
    protected String providerId() {
        return "zoho";
    }

    @Override
    protected CrmConfig config() {
        return sim.config();
    }

    @Override
    protected void oneSuccessfulRead(CrmClient client) {
        sim.seed("Contacts", Map.of("Email", "jane@acme.com", "Last_Name", "Doe"));
        assertThat(client.contacts().findByEmail("jane@acme.com")).isPresent();
    }

    @Override
    protected OptionalLong requestsPerRead() {
        return OptionalLong.of(1);
    }

    @Test
    @DisplayName("declares contacts, accounts, notes, opportunities and products; sales orders only with orderKeyField")
    void capabilities() {
        try (CrmClient client = CrmClients.create("zoho", config())) {
            assertThat(client.capabilities()).isEqualTo(EnumSet.of(CrmCapability.CONTACTS, CrmCapability.ACCOUNTS,
                    CrmCapability.NOTES, CrmCapability.OPPORTUNITIES, CrmCapability.PRODUCTS,
                    CrmCapability.CONTACT_DELETE));
        }
        try (CrmClient client = CrmClients.create("zoho", config().with("orderKeyField", "SalesAgent_Order_Key"))) {
            assertThat(client.supports(CrmCapability.SALES_ORDERS)).isTrue();
        }
    }
}
