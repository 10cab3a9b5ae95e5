package dev.salesagent.crm.close;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesagent.crm.CrmConfigurationException;
import dev.salesagent.crm.spi.CrmConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CloseConfigTest {

    @Test
    @DisplayName("defaults: Close's base URL, no client-side limit, 10 min status cache, office e-mails")
    void defaults() {
        CloseConfig c = CloseConfig.from(CrmConfig.of(Map.of("apiKey", "k")));
        assertThat(c.baseUrl()).hasToString("https://api.close.com/api/v1");
        assertThat(c.rateLimitRequests()).isZero();
        assertThat(c.statusCacheTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.emailType()).isEqualTo("office");
        assertThat(c.http().maxAttempts()).isEqualTo(4);
        assertThat(c.accountCustomFields()).isEmpty();
        assertThat(c.toString()).doesNotContain("k,").contains("apiKey=****");
    }

    @Test
    @DisplayName("every problem is reported at once, with the key and the bad value")
    void allProblemsAtOnce() {
        assertThatThrownBy(() -> CloseConfig.from(CrmConfig.of(Map.of("baseUrl", "not a uri", "emailType", "work",
                "statusCacheTtl", "0s", "fieldMapping.account.industry", "Industry",
                "fieldMapping.contact.title", "cf_abc"))))
                .isInstanceOfSatisfying(CrmConfigurationException.class, e -> {
                    assertThat(e.getMessage()).contains("close");
                    assertThat(String.join("\n", e.problems())).contains("apiKey").contains("baseUrl")
                            .contains("'work'").contains("statusCacheTtl")
                            .contains("fieldMapping.account.industry").contains("'Industry'")
                            .contains("fieldMapping.contact.title");
                });
    }

    @Test
    @DisplayName("account fields map to lead custom field ids; from the environment too")
    void mappings() {
        CloseConfig c = CloseConfig.from(CrmConfig.fromEnvironment(Map.of("SALESAGENT_CRM_CLOSE_API_KEY", "k",
                "SALESAGENT_CRM_CLOSE_RATE_LIMIT_REQUESTS", "20",
                "SALESAGENT_CRM_CLOSE_FIELD_MAPPING__ACCOUNT__EMPLOYEES", "cf_Emp1"), "SALESAGENT_CRM_CLOSE_"));
        assertThat(c.apiKey()).isEqualTo("k");
        assertThat(c.rateLimitRequests()).isEqualTo(20);
        assertThat(c.accountCustomField("employees")).contains("cf_Emp1");
        assertThat(c.accountCustomField("industry")).isEmpty();
    }
}
