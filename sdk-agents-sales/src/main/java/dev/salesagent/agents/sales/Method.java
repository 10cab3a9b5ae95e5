package dev.salesagent.agents.sales;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Which implementation produced a result: the offline rules or a language model. Serialized lower case. */
public enum Method {
    /** The offline, deterministic rules. */
    RULES,
    /** A language model. */
    MODEL;

    /** {@return the lower-case name used in JSON} */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
