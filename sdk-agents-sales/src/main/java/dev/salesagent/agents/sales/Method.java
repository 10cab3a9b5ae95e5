package dev.salesagent.agents.sales;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Which implementation produced a result: the offline rules or a language model. Serialized lower case. */
public enum Method {
    RULES,
    MODEL;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
