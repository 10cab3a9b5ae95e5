package dev.salesagent.crm.netsuite;

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

class NetSuiteConfigTest {

    @Test
    @DisplayName("the sandbox account id gives a lower-case host with '-' and an upper-case realm with '_'")
    void accountIdForms() {
        NetSuiteConfig c = NetSuiteConfig.from(CrmConfig.of(Map.of("accountId", "1234567_sb1", "authType", "tba",
                "consumerKey", "ck", "consumerSecret", "cs", "tokenId", "t", "tokenSecret", "ts")));
        assertThat(c.baseUrl()).hasToString("https://1234567-sb1.suitetalk.api.netsuite.com");
        assertThat(c.realm()).isEqualTo("1234567_SB1");
        assertThat(c.tokenEndpoint())
                .isEqualTo("https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token");
        assertThat(c.maxConcurrentRequests()).isEqualTo(5);
        assertThat(c.readTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.noteActivity()).isEqualTo(NetSuiteConfig.NoteActivity.PHONE_CALL);
    }

    @Test
    @DisplayName("validation reports every problem at once")
    void everyProblem() {
        assertThatThrownBy(() -> NetSuiteConfig.from(CrmConfig.of(Map.of("privateKey",
                "-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----", "maxConcurrentRequests", "0",
                "readTimeout", "soon", "noteActivity", "email", "fieldMapping.account.revenue", "custentity_x"))))
                .isInstanceOfSatisfying(CrmConfigurationException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).contains("accountId"))
                        .anySatisfy(p -> assertThat(p).contains("clientId"))
                        .anySatisfy(p -> assertThat(p).contains("certificateId"))
                        .anySatisfy(p -> assertThat(p).contains("PKCS#1"))
                        .anySatisfy(p -> assertThat(p).contains("maxConcurrentRequests"))
                        .anySatisfy(p -> assertThat(p).contains("readTimeout"))
                        .anySatisfy(p -> assertThat(p).contains("noteActivity"))
                        .anySatisfy(p -> assertThat(p).contains("revenue")));
    }

    @Test
    @DisplayName("tba needs all four credentials and says so per key")
    void tbaKeys() {
        assertThatThrownBy(() -> NetSuiteConfig.from(CrmConfig.of(Map.of("accountId", "1234567", "authType", "tba",
                "consumerKey", "ck"))))
                .isInstanceOfSatisfying(CrmConfigurationException.class, e -> assertThat(e.problems()).hasSize(3)
                        .allSatisfy(p -> assertThat(p).contains("authType=tba")));
    }

    @Test
    @DisplayName("the provider is found through ServiceLoader and validates before creating")
    void provider() {
        assertThat(CrmClients.available()).anySatisfy(p -> assertThat(p.id()).isEqualTo("netsuite"));
        assertThatThrownBy(() -> CrmClients.create("netsuite", CrmConfig.of(Map.of())))
                .isInstanceOf(CrmConfigurationException.class).hasMessageContaining("accountId");
        try (CrmClient client = CrmClients.create("netsuite", CrmConfig.of(Map.of("accountId", "1234567",
                "privateKey", NetSuiteFixture.privateKeyPem(), "clientId", "c", "certificateId", "k")))) {
            assertThat(client.providerId()).isEqualTo("netsuite");
        }
    }

    @Test
    @DisplayName("toString never shows secrets")
    void noSecrets() {
        NetSuiteConfig c = NetSuiteConfig.from(CrmConfig.of(Map.of("accountId", "1234567", "authType", "tba",
                "consumerKey", "ck", "consumerSecret", "super-secret", "tokenId", "t", "tokenSecret", "ts-secret")));
        assertThat(c.toString()).doesNotContain("super-secret").doesNotContain("ts-secret");
    }
}
