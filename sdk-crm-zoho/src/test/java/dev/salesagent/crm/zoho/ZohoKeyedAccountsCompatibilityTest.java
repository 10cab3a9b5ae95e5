package dev.salesagent.crm.zoho;

import dev.salesagent.crm.spi.CrmConfig;
import org.junit.jupiter.api.BeforeAll;

/**
 * The whole kit again with {@code accountKeyField} and {@code orderKeyField}: accounts upserted by Zoho on a unique
 * custom field ({@code SalesAgent_Domain}) and sales orders declared, idempotent through {@code SalesAgent_Order_Key}
 * (both "Do not allow duplicate values" in the simulated organisation).
 */
class ZohoKeyedAccountsCompatibilityTest extends ZohoCrmClientCompatibilityTest {

    @BeforeAll
    static void uniqueDomainField() {
        sim.uniqueField("Accounts", "SalesAgent_Domain");
        sim.uniqueField("Sales_Orders", "SalesAgent_Order_Key");
    }

    @Override
    protected CrmConfig config() {
        return sim.config().with("accountKeyField", "SalesAgent_Domain")
                .with("orderKeyField", "SalesAgent_Order_Key");
    }
}
