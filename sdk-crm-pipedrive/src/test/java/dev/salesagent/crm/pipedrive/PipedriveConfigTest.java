package dev.salesagent.crm.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesagent.crm.CrmCapability;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmConfigurationException;
import dev.salesagent.crm.UnsupportedCapabilityException;
import dev.salesagent.crm.spi.CrmConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PipedriveConfigTest {

    @Test
    @DisplayName("the host comes from companyDomain; defaults are Pipedrive's 2-second window and the standard HTTP settings")
    void defaults() {
        PipedriveConfig c = PipedriveConfig.from(CrmConfig.of(Map.of("apiToken", "t", "companyDomain", "acme")));
        assertThat(c.baseUrl()).isEqualTo(URI.create("https://acme.pipedrive.com"));
        assertThat(c.oauth()).isFalse();
        assertThat(c.rateLimitRequests()).isEqualTo(20);
        assertThat(c.rateLimitPeriod()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.http().readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.http().maxAttempts()).isEqualTo(4);
        assertThat(c.stageCacheTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.tokenUrl()).isEqualTo("https://oauth.pipedrive.com/oauth/token");
        assertThat(c.organizationDomainField()).isEmpty();
    }

    @Test
    @DisplayName("an empty configuration reports the missing credentials and the missing host at once")
    void everyProblemAtOnce() {
        assertThatThrownBy(() -> PipedriveConfig.from(CrmConfig.empty()))
                .isInstanceOfSatisfying(CrmConfigurationException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).contains("missing credentials"))
                        .anySatisfy(p -> assertThat(p).contains("companyDomain")));
    }

    @Test
    @DisplayName("malformed keys are each reported with the key and the bad value")
    void malformedKeys() {
        assertThatThrownBy(() -> PipedriveConfig.from(CrmConfig.of(Map.of("apiToken", "t", "clientId", "c",
                "companyDomain", "acme.pipedrive.com", "currency", "usd", "organizationDomainField", "Domain Name",
                "fieldMapping.account.revenue", "abc", "rateLimitPeriod", "soon"))))
                .isInstanceOfSatisfying(CrmConfigurationException.class, e -> assertThat(String.join("\n", e.problems()))
                        .contains("not both").contains("'acme.pipedrive.com'").contains("'usd'").contains("'Domain Name'")
                        .contains("fieldMapping.account.revenue").contains("rateLimitPeriod"));
    }

    @Test
    @DisplayName("incomplete OAuth keys name what is missing")
    void incompleteOauth() {
        assertThatThrownBy(() -> PipedriveConfig.from(CrmConfig.of(Map.of("clientId", "c", "companyDomain", "acme"))))
                .isInstanceOfSatisfying(CrmConfigurationException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).contains("clientSecret").contains("refreshToken")));
    }

    @Test
    @DisplayName("without organizationDomainField accounts are not declared; accountDomain on a contact is a validation error")
    void accountsNeedTheDomainField() {
        try (CrmClient client = PipedriveCrmClient.create(CrmConfig.of(Map.of("apiToken", "t", "companyDomain", "acme")))) {
            assertThat(client.capabilities()).containsExactlyInAnyOrder(CrmCapability.CONTACTS, CrmCapability.NOTES,
                    CrmCapability.OPPORTUNITIES, CrmCapability.PRODUCTS, CrmCapability.CONTACT_DELETE);
            assertThatThrownBy(client::accounts).isInstanceOf(UnsupportedCapabilityException.class);
            assertThatThrownBy(client::salesOrders).isInstanceOf(UnsupportedCapabilityException.class);
        }
        try (CrmClient client = PipedriveCrmClient.create(CrmConfig.of(Map.of("apiToken", "t", "companyDomain", "acme",
                "organizationDomainField", "3f1a5c7e9b2d4f6a8c0e1b3d5f7a9c2e4b6d8f0a")))) {
            assertThat(client.supports(CrmCapability.ACCOUNTS)).isTrue();
        }
    }

    @Test
    @DisplayName("secrets are masked in toString")
    void secretsMasked() {
        PipedriveConfig c = PipedriveConfig.from(CrmConfig.of(Map.of("apiToken", "very-secret-token", "companyDomain", "acme")));
        assertThat(c.toString()).doesNotContain("very-secret-token");
    }
}
