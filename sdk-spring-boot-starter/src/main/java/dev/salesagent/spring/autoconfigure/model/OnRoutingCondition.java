package dev.salesagent.spring.autoconfigure.model;

import dev.langchain4j.model.chat.ChatModel;
import dev.salesagent.core.model.ModelRouter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Backs off for the application's own {@link ChatModel}: the router is created when
 * {@code salesagent.routing.enabled=true}, never when it is {@code false}, and when unset only if the application
 * defines no {@code ChatModel} bean of its own (beans named by an endpoint's {@code chat-model-bean} are the router's
 * endpoints, not competitors).
 */
final class OnRoutingCondition extends SpringBootCondition {

    static final String ENABLED = "salesagent.routing.enabled";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Boolean enabled = context.getEnvironment().getProperty(ENABLED, Boolean.class);
        if (enabled != null) {
            return enabled ? ConditionOutcome.match(ENABLED + "=true") : ConditionOutcome.noMatch(ENABLED + "=false");
        }
        ConfigurableListableBeanFactory beans = context.getBeanFactory();
        if (beans == null) {
            return ConditionOutcome.match("no bean factory");
        }
        Set<String> endpointBeans = Binder.get(context.getEnvironment())
                .bind("salesagent.models.endpoints", Bindable.listOf(ModelProperties.Endpoint.class))
                .orElse(List.of()).stream().map(ModelProperties.Endpoint::chatModelBean)
                .filter(n -> n != null && !n.isBlank()).collect(Collectors.toSet());
        List<String> own = new ArrayList<>();
        for (String name : beans.getBeanNamesForType(ChatModel.class, true, false)) {
            Class<?> type = beans.getType(name, false);
            if (!endpointBeans.contains(name) && (type == null || !ModelRouter.class.isAssignableFrom(type))) {
                own.add(name);
            }
        }
        return own.isEmpty() ? ConditionOutcome.match("no application ChatModel bean")
                : ConditionOutcome.noMatch("the application's ChatModel bean(s) " + own + " win; set " + ENABLED
                        + "=true to route through the ModelRouter instead");
    }
}
