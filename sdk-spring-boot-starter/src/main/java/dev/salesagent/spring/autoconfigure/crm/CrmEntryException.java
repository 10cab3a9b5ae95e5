package dev.salesagent.spring.autoconfigure.crm;

/** Names the {@code salesagent.crm.<name>} entry whose client could not be created; the cause says why. */
final class CrmEntryException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String entry;
    private final String providerId;

    CrmEntryException(String entry, String providerId, RuntimeException cause) {
        super("Cannot create the CRM client of salesagent.crm." + entry
                + (providerId == null ? "" : " (provider '" + providerId + "')") + ": " + cause.getMessage(), cause);
        this.entry = entry;
        this.providerId = providerId;
    }

    /** The entry name, e.g. {@code sales}. */
    String entry() {
        return entry;
    }

    /** The configured provider id, or {@code null} when none was set. */
    String providerId() {
        return providerId;
    }
}
