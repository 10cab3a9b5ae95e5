package dev.salesagent.crm.netsuite;

import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.Opportunity;
import dev.salesagent.crm.Product;
import dev.salesagent.crm.tck.CrmClientCompatibilityKit;
import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.tck.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The NetSuite adapter against the stateful simulator passes the SPI compatibility kit. Products, stock, credit and
 * opportunities are seeded directly in the simulator (the SPI cannot create them), the way they exist in a real
 * NetSuite account.
 */
class NetSuiteCrmClientCompatibilityTest extends CrmClientCompatibilityKit {

    static MutableClock clock;
    static NetSuiteFixture fx;

    @BeforeAll
    static void start() {
        clock = MutableClock.startingNow();
        fx = new NetSuiteFixture(clock);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Override
    protected CrmClient createClient() {
        Map<String, String> config = fx.m2m();
        config.put("fieldMapping.account.industry", "custentity_sa_industry");
        config.put("fieldMapping.account.employees", "custentity_sa_employees");
        // The client reads the simulator's clock, so assertion times agree however long the run takes.
        return fx.client(config).options(CrmClientOptions.builder().clock(clock).build()).build();
    }

    /** NetSuite datetimes have one-second resolution; the simulator's clock jumps instead of the test sleeping. */
    @Override
    protected void advanceTime() {
        clock.advance(Duration.ofMillis(1100));
    }

    @Override
    protected Product seedProduct(String sku, String name, BigDecimal price, Map<String, BigDecimal> stockByLocation) {
        long item = fx.sim.seedItem(sku, name, null, price, fx.usd, false);
        stockByLocation.forEach((location, quantity) -> fx.sim.seedInventory(item,
                fx.sim.findOrSeed("location", "name", location), quantity, quantity));
        return client.products().get(Long.toString(item));
    }

    @Override
    protected void seedCredit(CrmId accountId, BigDecimal creditLimit, BigDecimal openBalance, String currency) {
        fx.sim.setCustomerCredit(Long.parseLong(accountId.value()), creditLimit, openBalance,
                fx.sim.findOrSeed("currency", "symbol", currency));
    }

    /**
     * Opportunity stages are the account's customer statuses ({@code entityStatus}), a configured list in NetSuite:
     * added as an administrator would configure them.
     */
    @Override
    protected void seedStage(String stage) {
        fx.sim.findOrSeed("entitystatus", "name", stage);
    }

    @Override
    protected Opportunity seedOpportunity(Opportunity o) {
        long customer = o.accountId() != null ? Long.parseLong(o.accountId().value()) : fx.sim.seedCompany("Opp Co");
        long status = fx.sim.findOrSeed("entitystatus", "name", o.stage());
        Long rep = o.ownerId() == null ? null : Long.parseLong(o.ownerId());
        Long currency = o.currency() == null ? null : fx.sim.findOrSeed("currency", "symbol", o.currency());
        long id = fx.sim.seedOpportunity(o.name(), customer, status, rep, o.amount(), currency, o.closeDate());
        return client.opportunities().get(Long.toString(id));
    }
}
