package dev.salesagent.agents.sales.followup;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How a follow-up touch reaches the lead. Serialized lower case. */
public enum Channel {
    EMAIL, PHONE, LINKEDIN;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
