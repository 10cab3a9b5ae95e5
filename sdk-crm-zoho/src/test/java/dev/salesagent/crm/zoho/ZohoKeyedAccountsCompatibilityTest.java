package dev.salesagent.crm.zoho;

import dev.salesagent.crm.spi.CrmConfig;
import org.junit.jupiter.api.BeforeAll;

/**
 * The whole kit again with {@code accountKeyField}: accounts upserted by Zoho on a unique custom field
 * ({@code SalesAgent_Domain}, "Do not allow duplicate values" in the simulated organisation).
 */
class ZohoKeyedAccountsCompatibilityTest extends ZohoCrmClientCompatibilityTest {

    @BeforeAll
    static void uniqueDomainField() {
        sim.uniqueField("Accounts", "SalesAgent_Domain");
    }

    @Override
    protected CrmConfig config() {
        return sim.config().with("accountKeyField", "SalesAgent_Domain");
    }
}
