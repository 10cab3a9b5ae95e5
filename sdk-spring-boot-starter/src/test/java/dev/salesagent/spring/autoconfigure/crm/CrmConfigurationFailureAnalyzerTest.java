package dev.salesagent.spring.autoconfigure.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;

class CrmConfigurationFailureAnalyzerTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SalesAgentCrmAutoConfiguration.class));

    private final CrmConfigurationFailureAnalyzer analyzer = new CrmConfigurationFailureAnalyzer();

    @Test
    void isRegisteredWithSpringBoot() {
        // Boot's own analyzers need constructor arguments its launcher supplies; skip those here
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
                .load(FailureAnalyzer.class, null, SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> { }));
        assertThat(analyzers).hasAtLeastOneElementOfType(CrmConfigurationFailureAnalyzer.class);
    }

    @Test
    void missingKeysAreListedWithThePropertiesToSet() {
        runner.withPropertyValues("salesagent.crm.shop.provider=test-http").run(context -> {
            FailureAnalysis analysis = analyzer.analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription())
                    .contains("salesagent.crm.shop (provider 'test-http') could not be created")
                    .contains("missing required key 'baseUrl'").contains("missing required key 'accessToken'");
            assertThat(analysis.getAction())
                    .contains("SALESAGENT_CRM_SHOP_PROVIDER")
                    .contains("salesagent.crm.shop.base-url (required): base URL of the WireMock server")
                    .contains("salesagent.crm.shop.access-token (required) (secret)");
        });
    }

    @Test
    void anUnknownProviderPointsToTheAvailableOnes() {
        runner.withPropertyValues("salesagent.crm.sales.provider=acme-crm").run(context -> {
            FailureAnalysis analysis = analyzer.analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("salesagent.crm.sales (provider 'acme-crm')")
                    .contains("no CRM provider with id 'acme-crm'");
            assertThat(analysis.getAction()).contains("Set salesagent.crm.sales.provider to one of [")
                    .contains("memory").contains("hubspot");
        });
    }

    @Test
    void aMissingProviderIsExplained() {
        runner.withPropertyValues("salesagent.crm.sales.access-token=x").run(context -> {
            FailureAnalysis analysis = analyzer.analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("salesagent.crm.sales.provider is not set");
            assertThat(analysis.getAction()).contains("Set salesagent.crm.sales.provider to one of");
        });
    }

    @Test
    void namesAreConverted() {
        assertThat(CrmConfigurationFailureAnalyzer.kebab("fieldMapping.contact.firstName")).isEqualTo("field-mapping.contact.first-name");
        assertThat(CrmConfigurationFailureAnalyzer.environmentVariable("salesagent.crm.my-crm.access-token"))
                .isEqualTo("SALESAGENT_CRM_MY_CRM_ACCESS_TOKEN");
    }
}
