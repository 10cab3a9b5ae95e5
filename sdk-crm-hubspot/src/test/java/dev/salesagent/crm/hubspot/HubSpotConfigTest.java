package dev.salesagent.crm.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesagent.crm.CrmConfigurationException;
import dev.salesagent.crm.spi.CrmConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HubSpotConfigTest {

    @Test
    @DisplayName("a private app token alone is a complete configuration with documented defaults")
    void defaults() {
        HubSpotConfig c = HubSpotConfig.from(CrmConfig.of(Map.of("accessToken", "pat-na1-123")));
        assertThat(c.baseUrl()).isEqualTo(URI.create("https://api.hubapi.com"));
        assertThat(c.apiVersion()).isEqualTo("v3");
        assertThat(c.usesOAuth()).isFalse();
        assertThat(c.rateLimitRequests()).isEqualTo(100);
        assertThat(c.rateLimitPeriod()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.dailyLimit()).isEqualTo(250_000);
        assertThat(c.maxAttempts()).isEqualTo(5);
        assertThat(c.currency()).isEqualTo("USD");
        assertThat(c.toString()).doesNotContain("pat-na1-123");
    }

    @Test
    @DisplayName("OAuth keys, date API version, tier limits and field mappings are read")
    void oauthAndOverrides() {
        HubSpotConfig c = HubSpotConfig.from(CrmConfig.of(Map.of(
                "clientId", "cid", "clientSecret", "cs", "refreshToken", "rt",
                "apiVersion", "2026-03", "rateLimitRequests", "190", "dailyLimit", "625000",
                "fieldMapping.contact.title", "job_function", "properties.contact", "lifecyclestage, hs_lead_status")));
        assertThat(c.usesOAuth()).isTrue();
        assertThat(c.clientId()).contains("cid");
        assertThat(c.apiVersion()).isEqualTo("2026-03");
        assertThat(c.rateLimitRequests()).isEqualTo(190);
        assertThat(c.dailyLimit()).isEqualTo(625_000);
        assertThat(c.fieldMappings()).containsEntry("contact.title", "job_function");
        assertThat(c.extraProperties("contact")).containsExactly("lifecyclestage", "hs_lead_status");
    }

    @Test
    @DisplayName("the documented environment variables map to the keys")
    void environment() {
        HubSpotConfig c = HubSpotConfig.from(CrmConfig.fromEnvironment(Map.of(
                "SALESAGENT_CRM_HUBSPOT_ACCESS_TOKEN", "pat",
                "SALESAGENT_CRM_HUBSPOT_RATE_LIMIT_REQUESTS", "190",
                "SALESAGENT_CRM_HUBSPOT_FIELD_MAPPING__CONTACT__TITLE", "job_function",
                "SALESAGENT_CRM_HUBSPOT_PROPERTIES__CONTACT", "lifecyclestage",
                "OTHER", "x"), "SALESAGENT_CRM_HUBSPOT_"));
        assertThat(c.accessToken()).contains("pat");
        assertThat(c.rateLimitRequests()).isEqualTo(190);
        assertThat(c.fieldMappings()).containsEntry("contact.title", "job_function");
        assertThat(c.extraProperties("contact")).containsExactly("lifecyclestage");
    }

    @Test
    @DisplayName("validation reports every problem at once")
    void everyProblem() {
        CrmConfig bad = CrmConfig.of(Map.of("clientId", "cid", "baseUrl", "not a url", "apiVersion", "v4",
                "rateLimitRequests", "0", "readTimeout", "soon", "currency", "dollars"));
        assertThatThrownBy(() -> HubSpotConfig.from(bad))
                .isInstanceOfSatisfying(CrmConfigurationException.class, e -> {
                    List<String> p = e.problems();
                    assertThat(p).hasSize(6);
                    assertThat(p).anyMatch(s -> s.contains("baseUrl"));
                    assertThat(p).anyMatch(s -> s.contains("apiVersion") && s.contains("v4"));
                    assertThat(p).anyMatch(s -> s.contains("rateLimitRequests") && s.contains("positive"));
                    assertThat(p).anyMatch(s -> s.contains("readTimeout"));
                    assertThat(p).anyMatch(s -> s.contains("currency"));
                    assertThat(p).anyMatch(s -> s.contains("incomplete OAuth") && s.contains("clientSecret")
                            && s.contains("refreshToken"));
                });
    }

    @Test
    @DisplayName("companyKeyProperty: unset by default, must be a HubSpot property name")
    void companyKeyProperty() {
        assertThat(HubSpotConfig.from(CrmConfig.of(Map.of("accessToken", "t"))).companyKeyProperty()).isEmpty();
        assertThat(HubSpotConfig.from(CrmConfig.of(Map.of("accessToken", "t", "companyKeyProperty", "salesagent_domain")))
                .companyKeyProperty()).contains("salesagent_domain");
        assertThatThrownBy(() -> HubSpotConfig.from(CrmConfig.of(Map.of("accessToken", "t", "companyKeyProperty", "Sales Domain"))))
                .isInstanceOfSatisfying(CrmConfigurationException.class, e -> assertThat(e.problems()).singleElement()
                        .asString().contains("companyKeyProperty").contains("'Sales Domain'"));
    }

    @Test
    @DisplayName("missing credentials and mixed credentials are both rejected")
    void credentials() {
        assertThatThrownBy(() -> HubSpotConfig.from(CrmConfig.empty()))
                .isInstanceOfSatisfying(CrmConfigurationException.class,
                        e -> assertThat(e.problems()).singleElement().asString().contains("missing credentials"));
        assertThatThrownBy(() -> HubSpotConfig.from(CrmConfig.of(Map.of("accessToken", "t", "clientId", "c"))))
                .isInstanceOfSatisfying(CrmConfigurationException.class,
                        e -> assertThat(e.problems()).singleElement().asString().contains("not both"));
    }

    @Test
    @DisplayName("configuration keys are documented, secrets flagged")
    void keys() {
        assertThat(HubSpotConfig.keys()).extracting(k -> k.name())
                .contains("accessToken", "clientId", "clientSecret", "refreshToken", "baseUrl", "apiVersion", "appSecret",
                        "rateLimitRequests", "rateLimitPeriod", "dailyLimit");
        assertThat(HubSpotConfig.keys()).filteredOn(k -> k.secret()).extracting(k -> k.name())
                .containsExactlyInAnyOrder("accessToken", "clientSecret", "refreshToken", "appSecret");
    }
}
