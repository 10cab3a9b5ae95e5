package dev.salesagent.agents.sales.followup;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How a follow-up touch reaches the lead. Serialized lower case. */
public enum Channel {
    /** An e-mail. */
    EMAIL,
    /** A phone call. */
    PHONE,
    /** A LinkedIn message. */
    LINKEDIN;

    /** {@return the lower-case name used in JSON} */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
