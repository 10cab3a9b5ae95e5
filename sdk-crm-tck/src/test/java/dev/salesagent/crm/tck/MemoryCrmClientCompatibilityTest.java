package dev.salesagent.crm.tck;

import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.Opportunity;
import dev.salesagent.crm.Product;
import dev.salesagent.crm.memory.InMemoryCrmClient;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The in-memory provider passes the kit with every capability. */
class MemoryCrmClientCompatibilityTest extends CrmClientCompatibilityKit {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private InMemoryCrmClient memory;

    @Override
    protected CrmClient createClient() {
        memory = InMemoryCrmClient.builder().clock(clock).build();
        return memory;
    }

    @Override
    protected void advanceTime() {
        clock.advance(Duration.ofSeconds(1));
    }

    @Override
    protected Product seedProduct(String sku, String name, BigDecimal price, Map<String, BigDecimal> stock) {
        return memory.seedProduct(Product.builder().sku(sku).name(name).unitPrice(price).currency("USD").build(), stock);
    }

    @Override
    protected void seedCredit(CrmId accountId, BigDecimal creditLimit, BigDecimal openBalance, String currency) {
        memory.seedCredit(accountId.value(), creditLimit, openBalance, currency);
    }

    @Override
    protected Opportunity seedOpportunity(Opportunity opportunity) {
        return memory.seedOpportunity(opportunity);
    }

    @Override
    protected String opportunityOwnerId() {
        return "owner-kit";
    }
}
