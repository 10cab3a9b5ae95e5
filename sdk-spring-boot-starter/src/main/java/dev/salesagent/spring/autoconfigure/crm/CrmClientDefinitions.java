package dev.salesagent.spring.autoconfigure.crm;

import dev.salesagent.spring.autoconfigure.Secrets;

import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmClients;
import dev.salesagent.crm.CrmConfigurationException;
import dev.salesagent.crm.spi.ConfigKey;
import dev.salesagent.crm.spi.CrmClientOptions;
import dev.salesagent.crm.spi.CrmClientProvider;
import dev.salesagent.crm.spi.CrmConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers one {@link CrmClient} bean per {@code salesagent.crm.<name>} entry, named {@code <name>CrmClient} and
 * qualified {@code <name>}. The provider gets the application's unique {@link MeterRegistry},
 * {@link ObservationRegistry} and {@link Clock} beans through {@link CrmClientOptions}, and the client is observed
 * per operation when there is an {@link ObservationRegistry} (see {@link ObservedCrmClient}). A bean definition the
 * application already registered under that name wins.
 */
final class CrmClientDefinitions implements ImportBeanDefinitionRegistrar, EnvironmentAware {

    /** Suffix of the bean names: {@code salesagent.crm.hubspot} becomes bean {@code hubspotCrmClient}. */
    static final String BEAN_NAME_SUFFIX = "CrmClient";

    private static final Bindable<Map<String, Map<String, String>>> ENTRIES = Bindable.of(ResolvableType.forClassWithGenerics(
            Map.class, ResolvableType.forClass(String.class), ResolvableType.forClassWithGenerics(Map.class, String.class, String.class)));

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        Map<String, Map<String, String>> entries = Binder.get(environment).bind("salesagent.crm", ENTRIES).orElse(Map.of());
        if (entries.isEmpty()) {
            return;
        }
        String primary = primaryName(entries);
        for (Map.Entry<String, Map<String, String>> entry : entries.entrySet()) {
            String name = entry.getKey();
            String beanName = beanName(name);
            if (registry.containsBeanDefinition(beanName)) {
                continue;
            }
            Map<String, String> settings = entry.getValue();
            RootBeanDefinition definition = new RootBeanDefinition(CrmClient.class,
                    () -> ObservedCrmClient.observe(create(name, settings, options(registry)), name,
                            observations(registry)));
            definition.setDestroyMethodName("close");
            definition.setPrimary(name.equals(primary));
            definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
            definition.setRole(BeanDefinition.ROLE_APPLICATION);
            registry.registerBeanDefinition(beanName, definition);
        }
    }

    private static ObservationRegistry observations(BeanDefinitionRegistry registry) {
        return registry instanceof BeanFactory beans ? beans.getBeanProvider(ObservationRegistry.class).getIfUnique() : null;
    }

    private static CrmClientOptions options(BeanDefinitionRegistry registry) {
        return registry instanceof BeanFactory beans ? options(beans) : CrmClientOptions.defaults();
    }

    /**
     * The application's unique {@link MeterRegistry}, {@link ObservationRegistry} and {@link Clock} beans as options
     * for providers; each one absent (or ambiguous) is left at its default (none, none, UTC system clock).
     */
    static CrmClientOptions options(BeanFactory beans) {
        Clock clock = beans.getBeanProvider(Clock.class).getIfUnique();
        return CrmClientOptions.builder()
                .meterRegistry(beans.getBeanProvider(MeterRegistry.class).getIfUnique())
                .observationRegistry(beans.getBeanProvider(ObservationRegistry.class).getIfUnique())
                .clock(clock != null ? clock : Clock.systemUTC())
                .build();
    }

    static String beanName(String entryName) {
        return entryName + BEAN_NAME_SUFFIX;
    }

    /** The entry marked primary=true, else the first declared one. */
    static String primaryName(Map<String, Map<String, String>> entries) {
        List<String> marked = entries.entrySet().stream()
                .filter(e -> Boolean.parseBoolean(e.getValue().getOrDefault(CrmProperties.PRIMARY, "false").trim()))
                .map(Map.Entry::getKey)
                .toList();
        if (marked.size() > 1) {
            throw new CrmConfigurationException(null, List.of("more than one CRM is marked primary: "
                    + marked.stream().map(n -> "salesagent.crm." + n + ".primary").toList() + "; keep one"));
        }
        return marked.isEmpty() ? entries.keySet().iterator().next() : marked.get(0);
    }

    /**
     * Creates the client of entry {@code name}.
     *
     * @throws CrmEntryException naming the entry, caused by the {@link CrmConfigurationException} of a missing or
     *                           unknown provider or of keys the provider rejects
     */
    static CrmClient create(String name, Map<String, String> settings, CrmClientOptions options) {
        String providerId = settings.get(CrmProperties.PROVIDER);
        if (providerId == null || providerId.isBlank()) {
            List<String> ids = CrmClients.available().stream().map(CrmClientProvider::id).toList();
            throw new CrmEntryException(name, null, new CrmConfigurationException(null,
                    List.of("salesagent.crm." + name + ".provider is not set; available providers: " + ids)));
        }
        providerId = providerId.trim();
        List<String> unresolved = new ArrayList<>();
        settings.forEach((key, value) -> {
            String problem = Secrets.problem("salesagent.crm." + name + "." + key, value);
            if (problem != null && value != null && !value.isBlank()) {
                unresolved.add(problem);
            }
        });
        if (!unresolved.isEmpty()) {
            // never send the literal "${HUBSPOT_TOKEN}" as a token
            throw new CrmEntryException(name, providerId, new CrmConfigurationException(providerId, unresolved));
        }
        try {
            return CrmClients.create(providerId, toConfig(providerId, settings), options);
        } catch (RuntimeException e) {
            throw new CrmEntryException(name, providerId, e);
        }
    }

    /**
     * Turns Spring property keys into the provider's keys: {@code access-token}, {@code accessToken} and, from the
     * environment variable {@code SALESAGENT_CRM_<NAME>_ACCESS_TOKEN}, {@code access.token} all become the provider's
     * declared {@code accessToken}; undeclared keys are camel-cased per dot-separated segment
     * ({@code field-mapping.first-name} becomes {@code fieldMapping.firstName}).
     */
    static CrmConfig toConfig(String providerId, Map<String, String> settings) {
        Map<String, String> declared = new LinkedHashMap<>();
        Map<String, String> declaredWithoutDots = new LinkedHashMap<>();
        CrmClients.available().stream().filter(p -> p.id().equals(providerId)).findFirst()
                .ifPresent(p -> p.configKeys().stream().map(ConfigKey::name).forEach(k -> {
                    declared.put(normalized(k), k);
                    declaredWithoutDots.putIfAbsent(normalized(k).replace(".", ""), k);
                }));
        Map<String, String> values = new LinkedHashMap<>();
        settings.forEach((key, value) -> {
            if (key.equals(CrmProperties.PROVIDER) || key.equals(CrmProperties.PRIMARY)
                    || value == null || value.isBlank()) {
                return; // a blank value is a missing one: the provider reports it if required
            }
            String name = declared.get(normalized(key));
            if (name == null) {
                // SALESAGENT_CRM_SALES_ACCESS_TOKEN arrives as "access.token"
                name = declaredWithoutDots.getOrDefault(normalized(key).replace(".", ""), camelSegments(key));
            }
            values.put(name, value);
        });
        return CrmConfig.of(values);
    }

    private static String normalized(String key) {
        return key.replaceAll("[^A-Za-z0-9.]", "").toLowerCase(Locale.ROOT);
    }

    private static String camelSegments(String key) {
        List<String> segments = new ArrayList<>();
        for (String segment : key.split("\\.", -1)) {
            StringBuilder sb = new StringBuilder();
            boolean upper = false;
            for (char c : segment.toCharArray()) {
                if (c == '-' || c == '_') {
                    upper = sb.length() > 0;
                } else {
                    sb.append(upper ? Character.toUpperCase(c) : c);
                    upper = false;
                }
            }
            segments.add(sb.toString());
        }
        return String.join(".", segments);
    }
}
