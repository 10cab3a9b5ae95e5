package dev.salesagent.spring.autoconfigure.crm;

import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmClients;
import dev.salesagent.crm.spi.CrmConfig;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * CRM clients from {@code salesagent.crm.<name>.*}: one {@link CrmClient} bean per entry, created through
 * {@link CrmClients#create} (so any provider registered with {@code META-INF/services} works), named
 * {@code <name>CrmClient}, qualified {@code @Qualifier("<name>")}, closed with the context. One is primary (see
 * {@link CrmProperties}). With no entry and no application {@code CrmClient} bean, the in-memory sandbox
 * ({@code memory} provider) is used so the application starts offline. With an {@link ObservationRegistry} bean every
 * operation call is observed as {@code salesagent.crm.operation} (tags {@code crm.name}, {@code provider},
 * {@code operation}), which Spring Boot turns into a timer and, with tracing, a span.
 *
 * <p>An unknown provider or missing/malformed keys fail start-up with the provider's
 * {@link dev.salesagent.crm.CrmConfigurationException} listing every problem.
 */
@AutoConfiguration(afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(CrmClient.class)
@EnableConfigurationProperties(CrmProperties.class)
public final class SalesAgentCrmAutoConfiguration {

    /** Created by Spring. */
    SalesAgentCrmAutoConfiguration() {
    }

    /** Nested so its registrar runs before the fallback below is considered. */
    @Configuration(proxyBeanMethods = false)
    @Import(CrmClientDefinitions.class)
    static class ConfiguredCrmClients {
    }

    /** The sandbox client when nothing is configured. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(CrmClient.class)
    CrmClient crmClient(ObjectProvider<ObservationRegistry> observations) {
        return ObservedCrmClient.observe(CrmClients.create("memory", CrmConfig.empty()), "crmClient",
                observations.getIfUnique());
    }
}
