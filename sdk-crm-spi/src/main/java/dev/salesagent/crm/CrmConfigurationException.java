package dev.salesagent.crm;

import java.util.List;

/**
 * A provider could not be found or created from its configuration. {@link #problems()} lists every
 * missing or malformed key at once, so a user fixes them in one round.
 */
public class CrmConfigurationException extends CrmException {

    /** Every problem found, one sentence each; unmodifiable. */
    private final List<String> problems;

    /**
     * Configuration problems of {@code providerId} ({@code null} when no provider was selected).
     *
     * @param providerId the provider id, e.g. {@code hubspot}, or {@code null} when no provider was selected
     * @param problems every problem found, one sentence each (e.g. {@code "missing key: token"}); copied
     */
    public CrmConfigurationException(String providerId, List<String> problems) {
        super("Invalid CRM configuration" + (providerId == null ? "" : " for '" + providerId + "'") + ": "
                + String.join("; ", problems), ErrorDetails.of(providerId));
        this.problems = List.copyOf(problems);
    }

    /** {@return every problem found, one sentence each; never empty} */
    public List<String> problems() {
        return problems;
    }
}
