package dev.salesagent.spring.autoconfigure.health;

import dev.salesagent.crm.CrmClient;
import dev.salesagent.spring.autoconfigure.crm.SalesAgentCrmAutoConfiguration;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Actuator health for every {@link CrmClient} bean: contributor {@code salesagentCrm} with one
 * {@link CrmHealthIndicator} per client, named after the {@code salesagent.crm.<name>} entry (or the bean name).
 * Active when {@code spring-boot-health} is on the classpath; switch off with
 * {@code management.health.salesagent-crm.enabled=false}.
 */
@AutoConfiguration(after = SalesAgentCrmAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, CrmClient.class})
@ConditionalOnBean(CrmClient.class)
@EnableConfigurationProperties(HealthProperties.class)
public final class SalesAgentCrmHealthAutoConfiguration {

    /** Created by Spring. */
    SalesAgentCrmHealthAutoConfiguration() {
    }

    /** On the bean method, not the class: the condition class exists only when spring-boot-health is present. */
    @Bean
    @ConditionalOnEnabledHealthIndicator("salesagent-crm")
    @ConditionalOnMissingBean(name = "salesagentCrmHealthContributor")
    HealthContributor salesagentCrmHealthContributor(Map<String, CrmClient> clients, HealthProperties properties,
                                                     ObjectProvider<Clock> clock) {
        Clock time = clock.getIfAvailable(Clock::systemUTC);
        Map<String, HealthContributor> indicators = new LinkedHashMap<>();
        clients.forEach((beanName, client) -> indicators.put(HealthNames.crmName(beanName),
                new CrmHealthIndicator(client, properties.crmCacheTtl(), time)));
        return CompositeHealthContributor.fromMap(indicators);
    }
}
