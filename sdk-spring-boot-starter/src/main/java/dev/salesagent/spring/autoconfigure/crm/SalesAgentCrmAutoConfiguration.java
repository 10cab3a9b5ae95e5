package dev.salesagent.spring.autoconfigure.crm;

import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmClients;
import dev.salesagent.crm.spi.CrmConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import org.springframework.beans.factory.BeanFactory;
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
 * ({@code memory} provider) is used so the application starts offline.
 *
 * <p>Metrics and tracing: providers get the application's {@link MeterRegistry}, {@link ObservationRegistry} and
 * {@link Clock} beans (when unique) through {@link dev.salesagent.crm.spi.CrmClientOptions}, so adapters built on the
 * SPI's HTTP client record the timer {@code salesagent.crm.requests} (one sample per HTTP attempt) and the observation
 * {@code salesagent.crm.call} (one per HTTP call, all attempts) in the application's registries. On top, with an
 * {@link ObservationRegistry} bean every {@code CrmClient} operation is observed as {@code salesagent.crm.operation}
 * (tags {@code crm.name}, {@code provider}, {@code operation}): one per operation however many HTTP calls it makes (or
 * none, for the {@code memory} sandbox), the parent span of the HTTP calls, and the only measurement that names the
 * {@code salesagent.crm.<name>} entry.
 *
 * <p>An unknown provider or missing/malformed keys fail start-up with the provider's
 * {@link dev.salesagent.crm.CrmConfigurationException} listing every problem.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
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
    CrmClient crmClient(BeanFactory beans) {
        return ObservedCrmClient.observe(CrmClients.create("memory", CrmConfig.empty(),
                CrmClientDefinitions.options(beans)), "crmClient", beans.getBeanProvider(ObservationRegistry.class)
                .getIfUnique());
    }
}
