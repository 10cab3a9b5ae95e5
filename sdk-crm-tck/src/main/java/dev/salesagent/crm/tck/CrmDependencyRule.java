package dev.salesagent.crm.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The dependency rule of the CRM side, checked at run time: an adapter's classpath carries no LangChain4j model client
 * (nor LangChain4j's core {@code ChatModel}) and no Caffeine. The build enforces the same rule on the declared
 * dependencies (maven-enforcer {@code ban-model-stack} in the root pom); this check also catches a jar that arrives
 * some other way (shading, a fat test classpath). {@link CrmClientCompatibilityKit} runs it against the client under
 * test, so every adapter that extends the kit proves it.
 */
public final class CrmDependencyRule {

    /**
     * Classes that must not be loadable from an adapter's class loader: the OpenAI and Anthropic chat models,
     * LangChain4j's {@code ChatModel} interface and Caffeine's cache builder.
     */
    public static final List<String> BANNED_CLASSES = List.of(
            "dev.langchain4j.model.openai.OpenAiChatModel",
            "dev.langchain4j.model.anthropic.AnthropicChatModel",
            "dev.langchain4j.model.chat.ChatModel",
            "com.github.benmanes.caffeine.cache.Caffeine");

    private CrmDependencyRule() {
    }

    /**
     * The names of {@link #BANNED_CLASSES} that {@code loader} can load; empty when the rule holds.
     *
     * @param loader the class loader of the adapter's runtime classpath
     * @return the banned class names it can load, in {@link #BANNED_CLASSES} order
     * @throws NullPointerException if {@code loader} is null
     */
    public static List<String> violations(ClassLoader loader) {
        return loadable(loader, BANNED_CLASSES);
    }

    /**
     * The names of {@code classNames} that {@code loader} can load (without initialising them), in the given order.
     *
     * @param loader the class loader to probe
     * @param classNames fully qualified class names
     * @return the names it can load
     * @throws NullPointerException if an argument is null
     */
    public static List<String> loadable(ClassLoader loader, List<String> classNames) {
        Objects.requireNonNull(loader, "loader");
        List<String> found = new ArrayList<>();
        for (String name : classNames) {
            try {
                Class.forName(name, false, loader);
                found.add(name);
            } catch (ClassNotFoundException expected) {
                // absent, as the rule wants
            }
        }
        return List.copyOf(found);
    }
}
