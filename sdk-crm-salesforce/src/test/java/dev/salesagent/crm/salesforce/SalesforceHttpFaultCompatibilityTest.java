package dev.salesagent.crm.salesforce;

import dev.salesagent.crm.spi.CrmClientOptions;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.common.retry.Sleeper;
import dev.salesagent.crm.spi.CrmConfig;
import dev.salesagent.crm.tck.CrmHttpFaultCompatibilityKit;
import org.junit.jupiter.api.AfterAll;

/**
 * The Salesforce adapter survives the kit's server misbehaviour (429 with Retry-After, 5xx, 401) on the simulated
 * org, with the adapter's default retry policy and OAuth session refresh.
 */
class SalesforceHttpFaultCompatibilityTest extends CrmHttpFaultCompatibilityKit {

    private static final SharedTestOrg ORG = new SharedTestOrg(false);

    private static TestOrg org() {
        return ORG.get();
    }

    @AfterAll
    static void stopOrg() {
        ORG.close();
    }

    @Override
    protected WireMockServer server() {
        return org().sim.server();
    }

    @Override
    protected CrmClient createClient(Sleeper sleeper) {
        return SalesforceCrmClient.builder(SalesforceConfig.from(CrmConfig.of(org().jwtConfig()))).options(CrmClientOptions.builder().sleeper(sleeper).build())
                .build();
    }

    @Override
    protected boolean refreshesCredentialsOn401() {
        return true;
    }
}
