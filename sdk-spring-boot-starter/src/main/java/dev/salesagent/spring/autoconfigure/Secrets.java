package dev.salesagent.spring.autoconfigure;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises configuration values that must never reach a provider: blank values and {@code ${...}} placeholders
 * Spring left unresolved (e.g. {@code api-key: ${OPENAI_API_KEY}} with the environment variable unset, which Spring
 * Boot binds as the literal text). Such values are treated as missing.
 */
public final class Secrets {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)(?::[^}]*)?}");

    private Secrets() {
    }

    /**
     * Whether {@code value} is null, blank or contains an unresolved {@code ${...}} placeholder.
     *
     * @param value a bound property value, e.g. an API key; may be {@code null}
     * @return {@code true} when the value cannot be used as a secret
     */
    public static boolean missing(String value) {
        return value == null || value.isBlank() || value.contains("${");
    }

    /**
     * The name inside the first unresolved placeholder of {@code value} ({@code OPENAI_API_KEY} for
     * {@code ${OPENAI_API_KEY}}), or empty when there is none.
     *
     * @param value a bound property value; may be {@code null}
     * @return the placeholder's variable name, without a {@code :default} part
     */
    public static Optional<String> placeholder(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = PLACEHOLDER.matcher(value);
        return m.find() ? Optional.of(m.group(1).trim()) : Optional.empty();
    }

    /**
     * Why {@code property} counts as missing, naming the variable to set, e.g.
     * {@code salesagent.models.endpoints[0].api-key is the unresolved placeholder ${OPENAI_API_KEY}: set the
     * environment variable OPENAI_API_KEY}; null when the value is usable.
     *
     * @param property the full property name, used in the sentence
     * @param value the bound value; may be {@code null}
     * @return one sentence for a startup failure report, or {@code null} when the value is usable
     */
    public static String problem(String property, String value) {
        Optional<String> name = placeholder(value);
        if (name.isPresent()) {
            return property + " is the unresolved placeholder ${" + name.get() + "}: set the environment variable "
                    + name.get() + " (or the property " + name.get() + ")";
        }
        if (value != null && value.isBlank()) {
            return property + " is blank";
        }
        if (value != null && value.contains("${")) {
            return property + " contains an unresolved ${...} placeholder";
        }
        return null;
    }
}
