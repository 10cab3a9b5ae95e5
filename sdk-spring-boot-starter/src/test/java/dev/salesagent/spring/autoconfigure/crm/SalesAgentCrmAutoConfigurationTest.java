package dev.salesagent.spring.autoconfigure.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesagent.crm.Contact;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmConfigurationException;
import dev.salesagent.crm.memory.InMemoryCrmClient;
import dev.salesagent.spring.autoconfigure.health.WireMockCrmClientProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class SalesAgentCrmAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SalesAgentCrmAutoConfiguration.class));

    @Test
    void withNothingConfiguredTheMemorySandboxIsTheOnlyClient() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(CrmClient.class).hasBean("crmClient");
            CrmClient crm = context.getBean(CrmClient.class);
            assertThat(crm.providerId()).isEqualTo("memory");
            Contact saved = crm.contacts().upsert(Contact.builder().email("Jane@Example.com").firstName("Jane").build()).record();
            assertThat(crm.contacts().findByEmail("jane@example.com")).contains(saved);
        });
    }

    @Test
    void oneEntryBecomesANamedPrimaryBeanAndReplacesTheSandbox() {
        runner.withPropertyValues("salesagent.crm.sandbox.provider=memory", "salesagent.crm.sandbox.max-batch-size=7")
                .run(context -> {
                    assertThat(context).hasSingleBean(CrmClient.class).hasBean("sandboxCrmClient").doesNotHaveBean("crmClient");
                    assertThat(context.getBean(CrmClient.class).contacts().maxBatchSize()).isEqualTo(7);
                });
    }

    @Test
    void twoCrmsAreInjectableByQualifierAndTheMarkedOneIsPrimary() {
        runner.withPropertyValues(
                        "salesagent.crm.sales.provider=memory",
                        "salesagent.crm.sales.maxBatchSize=11",
                        "salesagent.crm.erp.provider=memory",
                        "salesagent.crm.erp.max-batch-size=22",
                        "salesagent.crm.erp.primary=true")
                .withUserConfiguration(TwoClientsConsumer.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBeansOfType(CrmClient.class)).containsOnlyKeys("salesCrmClient", "erpCrmClient");
                    TwoClientsConsumer consumer = context.getBean(TwoClientsConsumer.class);
                    assertThat(consumer.sales.contacts().maxBatchSize()).isEqualTo(11);
                    assertThat(consumer.erp.contacts().maxBatchSize()).isEqualTo(22);
                    assertThat(consumer.primary).isSameAs(consumer.erp);
                    assertThat(consumer.sales).isNotSameAs(consumer.erp);
                });
    }

    @Test
    void withoutAMarkedPrimaryTheFirstDeclaredEntryIsPrimary() {
        Map<String, Map<String, String>> entries = new LinkedHashMap<>();
        entries.put("first", Map.of("provider", "memory"));
        entries.put("second", Map.of("provider", "memory"));
        assertThat(CrmClientDefinitions.primaryName(entries)).isEqualTo("first");
    }

    @Test
    void twoPrimariesFailStartup() {
        runner.withPropertyValues(
                        "salesagent.crm.a.provider=memory", "salesagent.crm.a.primary=true",
                        "salesagent.crm.b.provider=memory", "salesagent.crm.b.primary=true")
                .run(context -> assertThat(startupFailure(context)).isInstanceOf(CrmConfigurationException.class)
                        .hasMessageContaining("more than one CRM is marked primary")
                        .hasMessageContaining("salesagent.crm.a.primary").hasMessageContaining("salesagent.crm.b.primary"));
    }

    @Test
    void anEntryWithoutProviderFailsStartupNamingThePropertyAndTheAvailableProviders() {
        runner.withPropertyValues("salesagent.crm.sales.access-token=abc")
                .run(context -> assertThat(startupFailure(context)).isInstanceOf(CrmConfigurationException.class)
                        .hasMessageContaining("salesagent.crm.sales.provider is not set")
                        .hasMessageContaining("memory"));
    }

    @Test
    void anUnknownProviderFailsStartupListingTheAvailableIds() {
        runner.withPropertyValues("salesagent.crm.sales.provider=acme-crm")
                .run(context -> assertThat(startupFailure(context)).isInstanceOf(CrmConfigurationException.class)
                        .hasMessageContaining("acme-crm").hasMessageContaining("memory"));
    }

    @Test
    void malformedProviderKeysFailStartupWithTheProvidersMessage() {
        runner.withPropertyValues("salesagent.crm.sandbox.provider=memory", "salesagent.crm.sandbox.max-batch-size=lots")
                .run(context -> assertThat(startupFailure(context)).isInstanceOf(CrmConfigurationException.class)
                        .hasMessageContaining("maxBatchSize").hasMessageContaining("lots"));
    }

    @Test
    void anApplicationCrmClientReplacesTheSandbox() {
        runner.withUserConfiguration(OwnClient.class).run(context -> {
            assertThat(context).hasSingleBean(CrmClient.class).hasBean("myCrm").doesNotHaveBean("crmClient");
        });
    }

    @Test
    void anApplicationBeanWithTheGeneratedNameWins() {
        runner.withPropertyValues("salesagent.crm.sales.provider=memory", "salesagent.crm.sales.max-batch-size=5")
                .withUserConfiguration(OwnSalesClient.class)
                .run(context -> assertThat(context.getBean("salesCrmClient", CrmClient.class).contacts().maxBatchSize())
                        .isEqualTo(InMemoryCrmClient.DEFAULT_MAX_BATCH_SIZE));
    }

    @Test
    void crmsCanBeConfiguredFromEnvironmentVariables() {
        Map<String, Object> env = Map.of(
                "SALESAGENT_CRM_SANDBOX_PROVIDER", "memory",
                "SALESAGENT_CRM_SANDBOX_MAX_BATCH_SIZE", "9");
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env)))
                .run(context -> {
                    assertThat(context).hasBean("sandboxCrmClient");
                    assertThat(context.getBean(CrmClient.class).contacts().maxBatchSize()).isEqualTo(9);
                });
    }

    @Test
    void boundKeysKeepTheirCaseAndBecomeTheProvidersKeys() {
        runner.withPropertyValues(
                        "salesagent.crm.shop.provider=test-http",
                        "salesagent.crm.shop.base-url=http://localhost:1",
                        "salesagent.crm.shop.accessToken=tok",
                        "salesagent.crm.shop.field-mapping.contact.first-name=given_name",
                        "salesagent.crm.shop.fieldMapping.contact.lastName=family_name")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(WireMockCrmClientProvider.lastConfig.asMap()).containsEntry("baseUrl", "http://localhost:1")
                            .containsEntry("accessToken", "tok")
                            .containsEntry("fieldMapping.contact.firstName", "given_name")
                            .containsEntry("fieldMapping.contact.lastName", "family_name");
                });
    }

    @Test
    void propertyKeysAreTranslatedToTheProvidersDeclaredKeys() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("provider", "memory");
        settings.put("primary", "true");
        settings.put("max-batch-size", "3");
        settings.put("field-mapping.first-name", "given_name");
        settings.put("MAXBATCHSIZE", "4");
        Map<String, String> config = CrmClientDefinitions.toConfig("memory", settings).asMap();
        assertThat(config).containsOnlyKeys("maxBatchSize", "fieldMapping.firstName")
                .containsEntry("fieldMapping.firstName", "given_name");
    }

    /** The innermost cause of a failed start-up (what the developer reads at the bottom of the stack trace). */
    static Throwable startupFailure(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        return NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure());
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoClientsConsumer {
        final CrmClient sales;
        final CrmClient erp;
        final CrmClient primary;

        TwoClientsConsumer(@Qualifier("sales") CrmClient sales, @Qualifier("erp") CrmClient erp, CrmClient primary) {
            this.sales = sales;
            this.erp = erp;
            this.primary = primary;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnClient {
        @Bean
        CrmClient myCrm() {
            return InMemoryCrmClient.create();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnSalesClient {
        @Bean
        CrmClient salesCrmClient() {
            return InMemoryCrmClient.create();
        }
    }
}
