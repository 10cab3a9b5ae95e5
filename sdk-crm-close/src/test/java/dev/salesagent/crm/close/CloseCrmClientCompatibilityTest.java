package dev.salesagent.crm.close;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.Opportunity;
import dev.salesagent.crm.close.contract.CloseContract;
import dev.salesagent.crm.close.sim.CloseSimulator;
import dev.salesagent.crm.spi.CrmConfig;
import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.tck.CrmClientCompatibilityKit;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;

/**
 * The compatibility kit against the stateful Close simulator, with every request and answer checked against the
 * contract schemas. Lead custom fields hold industry and employees, as a Close administrator would set them up.
 */
class CloseCrmClientCompatibilityTest extends CrmClientCompatibilityKit {

    static final CloseSimulator SIM = CloseSimulator.start(new CloseContract());

    static CrmConfig config() {
        Map<String, String> m = new HashMap<>(SIM.config().asMap());
        m.put("fieldMapping.account.industry", "cf_Industry1");
        m.put("fieldMapping.account.employees", "cf_Employees1");
        return CrmConfig.of(m);
    }

    @Override
    protected CrmClient createClient() {
        return new CloseCrmClientProvider().create(config(), CrmClientOptions.builder().clock(SIM.clock()).build());
    }

    @Override
    protected void advanceTime() {
        SIM.clock().advance(Duration.ofSeconds(1));
    }

    @Override
    protected void seedStage(String stage) {
        SIM.addStatus(stage, "active");
    }

    @Override
    protected String opportunityOwnerId() {
        return CloseSimulator.USER;
    }

    @Override
    protected Opportunity seedOpportunity(Opportunity o) {
        String id = SIM.addOpportunity(o.name(), o.stage(), o.amount().movePointRight(2).longValueExact(), o.currency(),
                o.closeDate(), o.ownerId()).path("id").asText();
        return client.opportunities().get(id);
    }

    @AfterEach
    void noContractViolations() {
        try {
            assertThat(SIM.violations()).as("requests and answers breaking the Close contract").isEmpty();
        } finally {
            SIM.clearViolations();
        }
    }

    @AfterAll
    static void stop() {
        SIM.stop();
    }
}
