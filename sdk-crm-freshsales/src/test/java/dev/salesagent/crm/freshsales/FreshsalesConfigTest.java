package dev.salesagent.crm.freshsales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmClients;
import dev.salesagent.crm.CrmConfigurationException;
import dev.salesagent.crm.spi.CrmConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FreshsalesConfigTest {

    @Test
    @DisplayName("the bundle alias gives https://<alias>.myfreshworks.com/crm/sales/api and the documented defaults")
    void bundleAlias() {
        FreshsalesConfig c = FreshsalesConfig.from(CrmConfig.of(Map.of("apiKey", "k", "bundleAlias", "Acme")));
        assertThat(c.baseUrl()).isEqualTo("https://acme.myfreshworks.com/crm/sales/api");
        assertThat(c.rateLimitRequests()).isEqualTo(400);
        assertThat(c.rateLimitPeriod()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.http().readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.http().maxAttempts()).isEqualTo(4);
        assertThat(c.currency()).isEqualTo("USD");
        assertThat(c.stageCacheTtl()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    @DisplayName("baseUrl overrides the alias (classic freshsales.io accounts) and loses a trailing slash")
    void baseUrlWins() {
        FreshsalesConfig c = FreshsalesConfig.from(CrmConfig.of(Map.of("apiKey", "k", "bundleAlias", "acme",
                "baseUrl", "https://acme.freshsales.io/api/", "rateLimitRequests", "1000", "rateLimitPeriod", "1h")));
        assertThat(c.baseUrl()).isEqualTo("https://acme.freshsales.io/api");
        assertThat(c.rateLimitRequests()).isEqualTo(1000);
        assertThat(c.rateLimitPeriod()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    @DisplayName("validation reports every problem at once, naming each key")
    void everyProblem() {
        assertThatThrownBy(() -> FreshsalesConfig.from(CrmConfig.of(Map.of("rateLimitRequests", "0",
                "readTimeout", "soon", "currency", "dollars", "stageCacheTtl", "0s"))))
                .isInstanceOfSatisfying(CrmConfigurationException.class, e -> assertThat(e.problems()).hasSize(6)
                        .anySatisfy(p -> assertThat(p).contains("apiKey"))
                        .anySatisfy(p -> assertThat(p).contains("bundleAlias").contains("baseUrl"))
                        .anySatisfy(p -> assertThat(p).contains("rateLimitRequests"))
                        .anySatisfy(p -> assertThat(p).contains("readTimeout"))
                        .anySatisfy(p -> assertThat(p).contains("currency"))
                        .anySatisfy(p -> assertThat(p).contains("stageCacheTtl")));
    }

    @Test
    @DisplayName("a bundle alias that is not a host name label is refused")
    void badAlias() {
        assertThatThrownBy(() -> FreshsalesConfig.from(CrmConfig.of(Map.of("apiKey", "k",
                "bundleAlias", "acme.myfreshworks.com"))))
                .isInstanceOf(CrmConfigurationException.class).hasMessageContaining("bundleAlias");
    }

    @Test
    @DisplayName("from the environment: SALESAGENT_CRM_FRESHSALES_API_KEY and _BUNDLE_ALIAS")
    void fromEnvironment() {
        CrmConfig env = CrmConfig.fromEnvironment(Map.of("SALESAGENT_CRM_FRESHSALES_API_KEY", "k",
                "SALESAGENT_CRM_FRESHSALES_BUNDLE_ALIAS", "widgetz"), "SALESAGENT_CRM_FRESHSALES_");
        assertThat(FreshsalesConfig.from(env).baseUrl()).isEqualTo("https://widgetz.myfreshworks.com/crm/sales/api");
    }

    @Test
    @DisplayName("the provider is found through ServiceLoader and toString never shows the API key")
    void providerAndSecrets() {
        try (CrmClient client = CrmClients.create("freshsales", CrmConfig.of(Map.of("apiKey", "super-secret-key",
                "bundleAlias", "acme")))) {
            assertThat(client.providerId()).isEqualTo("freshsales");
        }
        assertThat(FreshsalesConfig.from(CrmConfig.of(Map.of("apiKey", "super-secret-key", "bundleAlias", "acme")))
                .toString()).doesNotContain("super-secret-key");
    }
}
