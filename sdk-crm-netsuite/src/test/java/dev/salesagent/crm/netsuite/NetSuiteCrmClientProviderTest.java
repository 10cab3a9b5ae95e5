package dev.salesagent.crm.netsuite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesagent.crm.CrmAuthenticationException;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmClients;
import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.spi.CrmConfig;
import dev.salesagent.crm.tck.CrmClientProviderCompatibilityKit;
import dev.salesagent.crm.tck.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The {@code netsuite} provider found through {@link CrmClients} wires the application's options into the client. */
class NetSuiteCrmClientProviderTest extends CrmClientProviderCompatibilityKit {

    private final NetSuiteFixture fx = new NetSuiteFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    @Override
    protected String providerId() {
        return "netsuite";
    }

    @Override
    protected void oneSuccessfulRead(CrmClient client) {
        long company = fx.sim.seedCompany("Acme Corp");
        assertThat(client.accounts().get(Long.toString(company)).name()).isEqualTo("Acme Corp");
    }

    @Override
    protected CrmConfig config() {
        return CrmConfig.of(fx.tba());
    }

    @Test
    @DisplayName("the clock handed through the SPI dates the M2M client assertion: an hour-slow clock is refused")
    void clockFromOptions() {
        long company = fx.sim.seedCompany("Acme Corp");
        MutableClock slow = MutableClock.startingNow();
        slow.advance(Duration.ofHours(-1));
        try (CrmClient client = CrmClients.create("netsuite", CrmConfig.of(fx.m2m()),
                CrmClientOptions.builder().clock(slow).build())) {
            assertThatThrownBy(() -> client.accounts().get(Long.toString(company)))
                    .isInstanceOf(CrmAuthenticationException.class);
        }
        try (CrmClient client = CrmClients.create("netsuite", CrmConfig.of(fx.m2m()),
                CrmClientOptions.builder().clock(MutableClock.startingNow()).build())) {
            assertThat(client.accounts().get(Long.toString(company)).name()).isEqualTo("Acme Corp");
        }
    }
}
