package dev.salesagent.agents.sales.followup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.salesagent.agents.sales.Method;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A dated sequence of touches.
 *
 * @param kind    sequence (hot leads), nurture (warm leads) or none (cold leads: note only)
 * @param touches touches in date order; empty for {@link Kind#NONE}
 * @param method  rules or model
 * @param model   model name when {@code method} is model, else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FollowUpPlan(Kind kind, List<Touch> touches, Method method, String model) {

    /**
     * Canonical constructor; the components are as described on the record.
     *
     * @param kind sequence (hot leads), nurture (warm leads) or none (cold leads: note only)
     * @param touches touches in date order; empty for {@link Kind#NONE}
     * @param method rules or model
     * @param model model name when {@code method} is model, else null
     */
    public FollowUpPlan {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(method, "method");
        touches = touches == null ? List.of() : List.copyOf(touches);
    }

    /** What kind of plan. Serialized lower case. */
    public enum Kind {
        /** A sequence of touches for a hot lead. */
        SEQUENCE,
        /** A slower nurture plan for a warm lead. */
        NURTURE,
        /** No plan (cold lead: note only). */
        NONE;

        /** {@return the lower-case name used in JSON} */
        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One planned touch.
     *
     * @param day     days after the plan's start (0 = start day), before moving off weekends
     * @param date    the calendar date (weekends move to the next Monday)
     * @param channel e-mail, phone or LinkedIn
     * @param purpose what the touch is for
     */
    public record Touch(int day, LocalDate date, Channel channel, String purpose) {
        /**
         * Canonical constructor; the components are as described on the record.
         *
         * @param day days after the plan's start (0 = start day), before moving off weekends
         * @param date the calendar date (weekends move to the next Monday)
         * @param channel e-mail, phone or LinkedIn
         * @param purpose what the touch is for
         */
        public Touch {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(purpose, "purpose");
            if (day < 0) {
                throw new IllegalArgumentException("day must be >= 0 but was " + day);
            }
        }
    }
}
