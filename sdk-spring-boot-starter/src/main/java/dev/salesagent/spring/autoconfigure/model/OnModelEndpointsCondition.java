package dev.salesagent.spring.autoconfigure.model;

import dev.salesagent.core.model.ModelEndpoint;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@code salesagent.models.endpoints} has a usable entry or the application defines a {@link ModelEndpoint} bean. */
final class OnModelEndpointsCondition extends AnyNestedCondition {

    OnModelEndpointsCondition() {
        super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnBean(ModelEndpoint.class)
    static class EndpointBean {
    }

    @Conditional(EndpointProperties.class)
    static class Configured {
    }

    static final class EndpointProperties extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            int count = Binder.get(context.getEnvironment())
                    .bind("salesagent.models.endpoints", Bindable.listOf(ModelProperties.Endpoint.class))
                    .map(list -> (int) list.stream().filter(EndpointProperties::usable).count()).orElse(0);
            return count > 0 ? ConditionOutcome.match(count + " usable salesagent.models.endpoints configured")
                    : ConditionOutcome.noMatch("no salesagent.models.endpoints configured, or every api-key is blank "
                            + "or an unresolved ${...} placeholder");
        }

        /** Counts unless its api-key is present but blank or an unresolved placeholder (such entries are skipped). */
        static boolean usable(ModelProperties.Endpoint e) {
            return (e.chatModelBean() != null && !e.chatModelBean().isBlank()) || e.apiKey() == null
                    || !dev.salesagent.spring.autoconfigure.Secrets.missing(e.apiKey());
        }
    }
}
