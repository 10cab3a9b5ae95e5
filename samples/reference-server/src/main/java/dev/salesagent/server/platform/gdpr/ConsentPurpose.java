package dev.salesagent.server.platform.gdpr;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a person can consent to; the {@link #id()} is the wire and database name. */
public enum ConsentPurpose {
    /** Marketing e-mail (outreach sequences, newsletters). */
    EMAIL_MARKETING,
    /** Profiling: scoring and enrichment of the person's data for sales decisions. */
    PROFILING,
    /** Phone calls and text messages. */
    PHONE;

    /** {@return the wire name, e.g. {@code email_marketing}} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * {@return the purpose with this wire name, if any}
     *
     * @param id e.g. {@code email_marketing}
     */
    public static Optional<ConsentPurpose> ofId(String id) {
        return Arrays.stream(values()).filter(p -> p.id().equals(id)).findFirst();
    }
}
