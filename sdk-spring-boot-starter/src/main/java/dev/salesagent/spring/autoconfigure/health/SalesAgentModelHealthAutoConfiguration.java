package dev.salesagent.spring.autoconfigure.health;

import dev.salesagent.core.cost.CostTracker;
import dev.salesagent.core.model.ModelRouter;
import dev.salesagent.spring.autoconfigure.model.SalesAgentModelAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Actuator health {@code salesagentModels} for the {@link ModelRouter}'s endpoints (see
 * {@link ModelEndpointsHealthIndicator}): each endpoint's circuit-breaker state, DOWN when every circuit is open; no
 * tokens are spent. Circuit thresholds are {@code salesagent.routing.circuit-breaker.*}. Switch off with
 * {@code management.health.salesagent-models.enabled=false}.
 */
@AutoConfiguration(after = SalesAgentModelAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, ModelRouter.class})
@ConditionalOnBean({ModelRouter.class, CostTracker.class})
public final class SalesAgentModelHealthAutoConfiguration {

    /** Created by Spring. */
    SalesAgentModelHealthAutoConfiguration() {
    }

    /** On the bean method, not the class: the condition class exists only when spring-boot-health is present. */
    @Bean
    @ConditionalOnEnabledHealthIndicator("salesagent-models")
    @ConditionalOnMissingBean(name = "salesagentModelsHealthIndicator")
    ModelEndpointsHealthIndicator salesagentModelsHealthIndicator(ModelRouter router, CostTracker tracker) {
        return new ModelEndpointsHealthIndicator(router, tracker);
    }
}
