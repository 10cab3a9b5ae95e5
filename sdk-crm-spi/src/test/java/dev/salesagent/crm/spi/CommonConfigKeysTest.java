package dev.salesagent.crm.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesagent.crm.CrmConfigurationException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommonConfigKeysTest {

    private static final CommonConfigKeys.Defaults HUBSPOT_LIKE = CommonConfigKeys.Defaults.standard().withMaxAttempts(5);

    @Test
    void keysDocumentTheAdaptersDefaultsInTheReadmeForm() {
        assertThat(CommonConfigKeys.keys(HUBSPOT_LIKE))
                .extracting(ConfigKey::name, ConfigKey::defaultValue, ConfigKey::required)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("connectTimeout", "10s", false),
                        org.assertj.core.groups.Tuple.tuple("readTimeout", "30s", false),
                        org.assertj.core.groups.Tuple.tuple("maxAttempts", "5", false));
        assertThat(CommonConfigKeys.keys(CommonConfigKeys.Defaults.standard().withReadTimeout(Duration.ofSeconds(60))))
                .extracting(ConfigKey::defaultValue).containsExactly("10s", "60s", "4");
        assertThat(CommonConfigKeys.rateLimitPeriod(Duration.ofMinutes(10)).defaultValue()).isEqualTo("10m");
        assertThat(CommonConfigKeys.rateLimitRequests("per 10 s", 100).defaultValue()).isEqualTo("100");
        assertThat(CommonConfigKeys.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(CommonConfigKeys.format(Duration.ofHours(2))).isEqualTo("2h");
    }

    @Test
    void httpReadsValuesAndFallsBackToTheAdaptersDefaults() {
        CommonConfigKeys.HttpSettings defaults = CommonConfigKeys.http(CrmConfig.empty(), HUBSPOT_LIKE);
        assertThat(defaults.baseUrl()).isEmpty();
        assertThat(defaults.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.maxAttempts()).isEqualTo(5);

        CommonConfigKeys.HttpSettings set = CommonConfigKeys.http(CrmConfig.of(Map.of("baseUrl", "https://crm.example.com",
                "connectTimeout", "500ms", "readTimeout", "PT2M", "maxAttempts", "2")), HUBSPOT_LIKE);
        assertThat(set.baseUrl()).contains(URI.create("https://crm.example.com"));
        assertThat(set.connectTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(set.readTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(set.maxAttempts()).isEqualTo(2);
    }

    @Test
    void checksReportEveryBadCommonKeyWithItsValue() {
        CrmConfig bad = CrmConfig.of(Map.of("baseUrl", "not a url", "connectTimeout", "0s", "readTimeout", "soon",
                "maxAttempts", "0"));
        assertThatThrownBy(() -> bad.validate("acme", CommonConfigKeys.keys(HUBSPOT_LIKE),
                CommonConfigKeys.checks().toArray(CrmConfig.Check[]::new)))
                .isInstanceOfSatisfying(CrmConfigurationException.class, e -> assertThat(e.problems()).containsExactly(
                        "key 'baseUrl' must be an absolute URI but was 'not a url'",
                        "key 'connectTimeout' must be a positive duration but was '0s'",
                        "key 'readTimeout' must be a duration like 30s, 500ms or PT30S but was 'soon'",
                        "key 'maxAttempts' must be positive but was '0'"));
    }

    @Test
    void rangeChecksAcceptGoodValuesAndRejectBadOnes() {
        CrmConfig c = CrmConfig.of(Map.of("a", "3", "b", "-1", "c", "0", "d", "x", "e", "1s"));
        assertThat(CommonConfigKeys.positiveInt("a").problem(c)).isEmpty();
        assertThat(CommonConfigKeys.positiveInt("b").problem(c)).contains("key 'b' must be positive but was '-1'");
        assertThat(CommonConfigKeys.nonNegativeLong("c").problem(c)).isEmpty();
        assertThat(CommonConfigKeys.nonNegativeLong("b").problem(c)).contains("key 'b' must not be negative but was '-1'");
        assertThat(CommonConfigKeys.positiveInt("d").problem(c)).hasValueSatisfying(p -> assertThat(p).contains("'x'"));
        assertThat(CommonConfigKeys.positiveDuration("e").problem(c)).isEmpty();
        assertThat(CommonConfigKeys.positiveInt("absent").problem(c)).isEmpty();
    }

    @Test
    void defaultsRejectValuesNoClientCouldUse() {
        assertThatThrownBy(() -> CommonConfigKeys.Defaults.standard().withMaxAttempts(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> CommonConfigKeys.Defaults.standard().withReadTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("readTimeout");
    }
}
