package dev.salesagent.crm.zoho;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesagent.crm.CrmConfigurationException;
import dev.salesagent.crm.spi.CrmConfig;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ZohoConfigTest {

    private static final Map<String, String> MIN = Map.of("clientId", "1000.ID", "clientSecret", "s",
            "refreshToken", "1000.r");

    @Test
    @DisplayName("the data centre fixes the accounts server and the API domain (US by default, CA on zohocloud.ca)")
    void dataCentres() {
        ZohoConfig us = ZohoConfig.from(CrmConfig.of(MIN));
        assertThat(us.tokenUrl()).isEqualTo("https://accounts.zoho.com/oauth/v2/token");
        assertThat(us.apiUrl()).isEqualTo("https://www.zohoapis.com");
        ZohoConfig eu = ZohoConfig.from(CrmConfig.of(MIN).with("dataCenter", "eu"));
        assertThat(eu.tokenUrl()).isEqualTo("https://accounts.zoho.eu/oauth/v2/token");
        assertThat(eu.apiUrl()).isEqualTo("https://www.zohoapis.eu");
        ZohoConfig ca = ZohoConfig.from(CrmConfig.of(MIN).with("dataCenter", "CA"));
        assertThat(ca.tokenUrl()).isEqualTo("https://accounts.zohocloud.ca/oauth/v2/token");
        assertThat(ca.apiUrl()).isEqualTo("https://www.zohoapis.ca");
        assertThat(ZohoConfig.from(CrmConfig.of(MIN).with("dataCenter", "AU")).apiUrl())
                .isEqualTo("https://www.zohoapis.com.au");
        assertThat(us.apiVersion()).isEqualTo("v8");
        assertThat(us.maxConcurrentRequests()).isEqualTo(10);
        assertThat(us.defaultLastName()).isEqualTo("[not provided]");
    }

    @Test
    @DisplayName("overrides for both domains win over the data centre")
    void overrides() {
        ZohoConfig c = ZohoConfig.from(CrmConfig.of(MIN).with("accountsUrl", "http://localhost:1/")
                .with("baseUrl", "http://localhost:2/"));
        assertThat(c.tokenUrl()).isEqualTo("http://localhost:1/oauth/v2/token");
        assertThat(c.apiUrl()).isEqualTo("http://localhost:2");
    }

    @Test
    @DisplayName("every problem is reported at once, with the key and the bad value; secrets are not printed")
    void problemsAtOnce() {
        assertThatThrownBy(() -> ZohoConfig.from(CrmConfig.of(Map.of("dataCenter", "MARS", "apiVersion", "8",
                "maxConcurrentRequests", "0", "currency", "usd", "orderKeyField", "bad name!"))))
                .isInstanceOfSatisfying(CrmConfigurationException.class, e -> assertThat(e.problems())
                        .anyMatch(p -> p.contains("clientId")).anyMatch(p -> p.contains("clientSecret"))
                        .anyMatch(p -> p.contains("refreshToken")).anyMatch(p -> p.contains("'MARS'"))
                        .anyMatch(p -> p.contains("apiVersion")).anyMatch(p -> p.contains("maxConcurrentRequests"))
                        .anyMatch(p -> p.contains("'usd'")).anyMatch(p -> p.contains("'bad name!'")));
        assertThat(ZohoConfig.from(CrmConfig.of(MIN)).toString()).doesNotContain("1000.r").contains("****");
    }
}
