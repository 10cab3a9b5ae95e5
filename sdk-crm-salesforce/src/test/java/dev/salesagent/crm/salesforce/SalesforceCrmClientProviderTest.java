package dev.salesagent.crm.salesforce;

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

/** The {@code salesforce} provider found through {@link CrmClients} wires the application's options into the client. */
class SalesforceCrmClientProviderTest extends CrmClientProviderCompatibilityKit {

    private final TestOrg org = new TestOrg(true);

    @AfterEach
    void close() {
        org.close();
    }

    @Override
    protected String providerId() {
        return "salesforce";
    }

    @Override
    protected void oneSuccessfulRead(CrmClient client) {
        assertThat(client.contacts().findByEmail("LSINISBURY0@dropbox.com")).isPresent();
    }

    @Override
    protected CrmConfig config() {
        return CrmConfig.of(org.jwtConfig());
    }

    @Test
    @DisplayName("the clock handed through the SPI dates the JWT assertion: an hour-slow clock is refused by the org")
    void clockFromOptions() {
        MutableClock slow = MutableClock.startingNow();
        slow.advance(Duration.ofHours(-1));
        try (CrmClient client = CrmClients.create("salesforce", CrmConfig.of(org.jwtConfig()),
                CrmClientOptions.builder().clock(slow).build())) {
            assertThatThrownBy(() -> client.contacts().findByEmail("LSINISBURY0@dropbox.com"))
                    .isInstanceOfSatisfying(CrmAuthenticationException.class,
                            e -> assertThat(e.vendorCode()).isEqualTo("invalid_grant"));
        }
        try (CrmClient client = CrmClients.create("salesforce", CrmConfig.of(org.jwtConfig()),
                CrmClientOptions.builder().clock(MutableClock.startingNow()).build())) {
            assertThat(client.contacts().findByEmail("LSINISBURY0@dropbox.com")).isPresent();
        }
    }
}
