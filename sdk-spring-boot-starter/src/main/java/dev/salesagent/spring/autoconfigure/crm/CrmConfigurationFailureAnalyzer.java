package dev.salesagent.spring.autoconfigure.crm;

import dev.salesagent.crm.CrmClients;
import dev.salesagent.crm.CrmConfigurationException;
import dev.salesagent.crm.spi.ConfigKey;
import dev.salesagent.crm.spi.CrmClientProvider;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link CrmConfigurationException} at start-up into Spring Boot's "APPLICATION FAILED TO START" report: the
 * description lists every problem the provider found, the action names the properties (and environment variables)
 * to set and the provider's keys with their descriptions. Registered in {@code META-INF/spring.factories}.
 */
class CrmConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<CrmConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, CrmConfigurationException cause) {
        CrmEntryException entry = findCause(rootFailure, CrmEntryException.class);
        String where = entry == null ? "salesagent.crm" : "salesagent.crm." + entry.entry();
        String providerId = entry != null && entry.providerId() != null ? entry.providerId() : cause.providerId();
        StringBuilder description = new StringBuilder("The CRM client configured under ").append(where)
                .append(providerId == null ? "" : " (provider '" + providerId + "')").append(" could not be created:");
        cause.problems().forEach(p -> description.append(System.lineSeparator()).append("    - ").append(p));

        List<CrmClientProvider> available = CrmClients.available();
        Optional<CrmClientProvider> provider = available.stream().filter(p -> p.id().equals(providerId)).findFirst();
        StringBuilder action = new StringBuilder();
        if (provider.isEmpty()) {
            action.append("Set ").append(where).append(".provider to one of ")
                    .append(available.stream().map(CrmClientProvider::id).toList())
                    .append(", or add the adapter's jar to the classpath.");
        } else {
            action.append("Fix the keys under ").append(where).append(" (kebab case, or environment variables such as ")
                    .append(environmentVariable(where + ".provider")).append("). Keys of provider '")
                    .append(providerId).append("':");
            for (ConfigKey key : provider.get().configKeys()) {
                action.append(System.lineSeparator()).append("    ").append(where).append('.').append(kebab(key.name()))
                        .append(key.required() ? " (required)" : "")
                        .append(key.secret() ? " (secret)" : "")
                        .append(key.defaultValue() != null ? " (default " + key.defaultValue() + ")" : "")
                        .append(": ").append(key.description());
            }
        }
        return new FailureAnalysis(description.toString(), action.toString(), cause);
    }

    /** {@code accessToken} becomes {@code access-token}; dots are kept. */
    static String kebab(String camel) {
        StringBuilder sb = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                sb.append('-').append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** {@code salesagent.crm.sales.provider} becomes {@code SALESAGENT_CRM_SALES_PROVIDER}. */
    static String environmentVariable(String property) {
        return property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }
}
