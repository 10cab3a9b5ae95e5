package dev.salesagent.agents.sales.scoring;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Letter grade of an overall lead score (0-100). Default cut-offs: A &gt;= 75, B &gt;= 55, C &gt;= 35, D below;
 * a tenant can change them in its {@link IdealCustomerProfile}.
 */
public enum Grade {
    /** Overall score at or above the A cut-off (default 75). */
    A,
    /** At or above the B cut-off (default 55). */
    B,
    /** At or above the C cut-off (default 35). */
    C,
    /** Below the C cut-off. */
    D;

    /** {@return the route the lead pipeline takes for this grade: A and B hot, C warm, D cold} */
    public Route route() {
        return switch (this) {
            case A, B -> Route.HOT;
            case C -> Route.WARM;
            case D -> Route.COLD;
        };
    }

    /**
     * Where a scored lead goes next: hot gets outreach and a follow-up sequence, warm a nurture plan, cold a note.
     * Serialized lower case.
     */
    public enum Route {
        /** Outreach and a follow-up sequence. */
        HOT,
        /** A nurture plan. */
        WARM,
        /** A note only. */
        COLD;

        /** {@return the lower-case name used in JSON} */
        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
