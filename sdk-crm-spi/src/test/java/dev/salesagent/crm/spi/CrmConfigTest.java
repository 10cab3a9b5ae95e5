package dev.salesagent.crm.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesagent.crm.CrmConfigurationException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CrmConfigTest {

    @Test
    void typedGettersWithDefaults() {
        CrmConfig c = CrmConfig.of(Map.of("readTimeout", "30s", "connectTimeout", "PT0.5S", "tiny", "500ms",
                "maxRetries", "4", "sandbox", "TRUE", "baseUrl", "https://api.hubapi.com", "blank", "  "));
        assertThat(c.getDuration("readTimeout", null)).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.getDuration("connectTimeout", null)).isEqualTo(Duration.ofMillis(500));
        assertThat(c.getDuration("tiny", null)).isEqualTo(Duration.ofMillis(500));
        assertThat(c.getDuration("absent", Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.getInt("maxRetries", 3)).isEqualTo(4);
        assertThat(c.getLong("absent", 7L)).isEqualTo(7L);
        assertThat(c.getBoolean("sandbox", false)).isTrue();
        assertThat(c.getUri("baseUrl")).contains(URI.create("https://api.hubapi.com"));
        assertThat(c.get("blank")).isEmpty();
        assertThat(c.require("maxRetries")).isEqualTo("4");
        assertThatThrownBy(() -> c.require("blank")).isInstanceOf(CrmConfigurationException.class)
                .hasMessageContaining("blank");
    }

    @Test
    void malformedValueShowsKeyAndValue() {
        CrmConfig c = CrmConfig.of(Map.of("readTimeout", "soon"));
        assertThatThrownBy(() -> c.getDuration("readTimeout", null)).isInstanceOf(CrmConfigurationException.class)
                .hasMessageContaining("readTimeout").hasMessageContaining("'soon'");
    }

    @Test
    void validateReportsEveryProblemAtOnce() {
        List<ConfigKey> keys = List.of(ConfigKey.secret("accessToken", "private app token"),
                ConfigKey.required("portalId", "HubSpot portal id"),
                ConfigKey.optional("readTimeout", "read timeout, default 30s", "30s"));
        CrmConfig c = CrmConfig.of(Map.of("readTimeout", "later", "baseUrl", "not a uri", "mode", "x"));
        assertThatThrownBy(() -> c.validate("hubspot", keys, CrmConfig.Check.duration("readTimeout"),
                CrmConfig.Check.uri("baseUrl"), CrmConfig.Check.oneOf("mode", "a", "b")))
                .isInstanceOfSatisfying(CrmConfigurationException.class, e -> {
                    assertThat(e.problems()).hasSize(5);
                    assertThat(String.join("\n", e.problems())).contains("accessToken", "portalId", "readTimeout",
                            "baseUrl", "mode");
                    assertThat(e.providerId()).isEqualTo("hubspot");
                });
        CrmConfig ok = CrmConfig.of(Map.of("accessToken", "t", "portalId", "1"));
        assertThat(ok.validate("hubspot", keys, CrmConfig.Check.duration("readTimeout"))).isSameAs(ok);
    }

    @Test
    void fromPropertiesStripsPrefix() {
        Properties p = new Properties();
        p.setProperty("salesagent.crm.hubspot.accessToken", "pat-1");
        p.setProperty("salesagent.crm.salesforce.clientId", "other");
        CrmConfig c = CrmConfig.fromProperties(p, "salesagent.crm.hubspot.");
        assertThat(c.asMap()).containsExactly(Map.entry("accessToken", "pat-1"));
    }

    @Test
    void fromEnvironmentTurnsSnakeIntoCamelAndDoubleUnderscoreIntoDot() {
        CrmConfig c = CrmConfig.fromEnvironment(Map.of(
                "SALESAGENT_CRM_HUBSPOT_ACCESS_TOKEN", "pat-1",
                "SALESAGENT_CRM_HUBSPOT_FIELD_MAPPING__TITLE", "jobtitle",
                "SALESAGENT_CRM_HUBSPOT_FIELD_MAPPING__FIRST_NAME", "firstname",
                "PATH", "/usr/bin"), "SALESAGENT_CRM_HUBSPOT_");
        assertThat(c.get("accessToken")).contains("pat-1");
        assertThat(c.fieldMappings()).containsExactly(Map.entry("firstName", "firstname"), Map.entry("title", "jobtitle"));
        assertThat(c.asMap()).hasSize(3);
    }

    @Test
    void toStringMasksSecrets() {
        CrmConfig c = CrmConfig.of(Map.of("accessToken", "pat-na1-secret", "clientSecret", "s3", "privateKey", "pk",
                "baseUrl", "https://x.test"));
        assertThat(c.toString()).contains("baseUrl=https://x.test", "accessToken=****")
                .doesNotContain("pat-na1-secret", "s3", "pk,");
    }

    @Test
    void configKeyFactories() {
        assertThat(ConfigKey.secret("accessToken", "d").secret()).isTrue();
        assertThat(ConfigKey.optional("x", "d", "1").required()).isFalse();
        assertThatThrownBy(() -> new ConfigKey("x", true, false, "d", "1")).isInstanceOf(IllegalArgumentException.class);
    }
}
