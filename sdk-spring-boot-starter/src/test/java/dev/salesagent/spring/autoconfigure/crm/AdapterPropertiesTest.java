package dev.salesagent.spring.autoconfigure.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesagent.crm.CrmCapability;
import dev.salesagent.crm.CrmClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Every CRM adapter on the classpath is configured from {@code salesagent.crm.<name>.*} properties alone (kebab-case
 * keys bound to the adapter's documented config keys) and becomes the application's {@code CrmClient} with the
 * capabilities the adapter declares. No request is sent: creating a client only validates its configuration.
 */
class AdapterPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SalesAgentCrmAutoConfiguration.class));

    static Stream<Arguments> adapters() {
        return Stream.of(
                Arguments.of("hubspot", List.of("access-token=pat-na1-test"),
                        Set.of(CrmCapability.CONTACTS, CrmCapability.ACCOUNTS, CrmCapability.NOTES)),
                Arguments.of("close", List.of("api-key=api_test"),
                        Set.of(CrmCapability.CONTACTS, CrmCapability.ACCOUNTS, CrmCapability.NOTES,
                                CrmCapability.OPPORTUNITIES)),
                Arguments.of("freshsales", List.of("api-key=test-key", "bundle-alias=acme"),
                        Set.of(CrmCapability.CONTACTS, CrmCapability.ACCOUNTS, CrmCapability.NOTES,
                                CrmCapability.OPPORTUNITIES)),
                Arguments.of("pipedrive", List.of("api-token=test-token", "company-domain=acme",
                                "organization-domain-field=abc123"),
                        Set.of(CrmCapability.CONTACTS, CrmCapability.ACCOUNTS, CrmCapability.NOTES,
                                CrmCapability.OPPORTUNITIES, CrmCapability.PRODUCTS)),
                Arguments.of("zoho", List.of("client-id=1000.TEST", "client-secret=secret", "refresh-token=1000.refresh",
                                "data-center=EU", "order-key-field=SalesAgent_Order_Key"),
                        Set.of(CrmCapability.CONTACTS, CrmCapability.ACCOUNTS, CrmCapability.NOTES,
                                CrmCapability.OPPORTUNITIES, CrmCapability.PRODUCTS, CrmCapability.SALES_ORDERS)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adapters")
    void anAdapterIsConfiguredFromPropertiesAlone(String provider, List<String> keys, Set<CrmCapability> expected) {
        List<String> properties = new ArrayList<>();
        properties.add("salesagent.crm.sales.provider=" + provider);
        keys.forEach(k -> properties.add("salesagent.crm.sales." + k));
        runner.withPropertyValues(properties.toArray(String[]::new)).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(CrmClient.class);
            CrmClient crm = context.getBean(CrmClient.class);
            assertThat(crm.providerId()).isEqualTo(provider);
            assertThat(crm.capabilities()).containsAll(expected);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adapters")
    void anAdapterWithoutItsCredentialsFailsAtStartUpNamingTheConnection(String provider, List<String> keys,
            Set<CrmCapability> expected) {
        runner.withPropertyValues("salesagent.crm.sales.provider=" + provider).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining(provider);
        });
    }
}
