package dev.salesagent.crm.salesforce;

import dev.salesagent.crm.CrmCapability;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.Opportunity;
import dev.salesagent.crm.Product;
import dev.salesagent.crm.tck.CrmClientCompatibilityKit;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * The Salesforce adapter passes the compatibility kit against the simulated org (seeded with the CC0 sample data).
 * Products and opportunities are seeded straight into the org, as the SPI cannot create them.
 */
class SalesforceCrmClientCompatibilityTest extends CrmClientCompatibilityKit {

    private static final SharedTestOrg ORG = new SharedTestOrg(true);

    private static TestOrg org() {
        return ORG.get();
    }

    @AfterAll
    static void stopOrg() {
        ORG.close();
    }

    @Override
    protected CrmClient createClient() {
        return org().client(org().jwtConfig());
    }

    @Override
    protected void advanceTime() {
        org().sim.advanceClock(Duration.ofSeconds(1));
    }

    @Override
    protected Product seedProduct(String sku, String name, BigDecimal price, Map<String, BigDecimal> stockByLocation) {
        String id = org().sim.addProduct(sku, name, price, true);
        return client.products().get(id);
    }

    @Override
    protected Opportunity seedOpportunity(Opportunity o) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("Name", o.name());
        fields.put("StageName", o.stage());
        fields.put("Amount", o.amount());
        fields.put("CloseDate", o.closeDate().toString());
        if (o.ownerId() != null) {
            fields.put("OwnerId", o.ownerId());
        }
        if (o.accountId() != null) {
            fields.put("AccountId", o.accountId().value());
        }
        String id = org().sim.put("Opportunity", fields).get("Id").asText();
        return client.opportunities().get(id);
    }

    @Override
    protected String opportunityOwnerId() {
        return org().sim.integrationUserId();
    }

    @Override
    protected String unknownId(CrmCapability capability) {
        String prefix = switch (capability) {
            case CONTACTS, CONTACT_DELETE -> "003";
            case ACCOUNTS, CUSTOMER_CREDIT -> "001";
            case OPPORTUNITIES -> "006";
            case SALES_ORDERS -> "801";
            case PRODUCTS, INVENTORY -> "01t";
            case NOTES -> "002";
        };
        return prefix + "ZZ9999999999AAA";
    }
}
