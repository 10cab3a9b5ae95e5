package dev.salesagent.agents.sales.scoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.salesagent.agents.sales.Method;

import java.util.List;
import java.util.Objects;

/**
 * A lead's score.
 *
 * @param breakdown   BANT scores, each 0-100
 * @param overall     weighted overall score 0-100
 * @param grade       letter grade of {@code overall}
 * @param reasons     why, each citing the fact used (e.g. {@code authority 85: title 'VP Sales' is VP level})
 * @param method      rules or model
 * @param model       model name when {@code method} is model, else null
 * @param corrections model scores moved to agree with the facts in the data (see {@link LeadScorer#model}), each
 *                    naming the dimension, the model's value, the corrected value and the fact (e.g.
 *                    {@code budget 95 -> 40: no company and no employee count gives 25 on the rules, ...}); empty
 *                    when the model's scores agreed and always empty under rules
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeadScore(BantScores breakdown, int overall, Grade grade, List<String> reasons, Method method,
                        String model,
                        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> corrections) {

    /**
     * Validates the components.
     *
     * @param breakdown BANT scores, each 0-100
     * @param overall weighted overall score 0-100
     * @param grade letter grade of {@code overall}
     * @param reasons why, each citing the fact used (e.g. {@code authority 85: title 'VP Sales' is VP level})
     * @param method rules or model
     * @param model model name when {@code method} is model, else null
     * @param corrections model scores moved to agree with the facts in the data; null is taken as empty
     * @throws IllegalArgumentException if {@code overall} is outside 0-100
     */
    public LeadScore {
        Objects.requireNonNull(breakdown, "breakdown");
        Objects.requireNonNull(grade, "grade");
        Objects.requireNonNull(method, "method");
        if (overall < 0 || overall > 100) {
            throw new IllegalArgumentException("overall must be 0-100 but was " + overall);
        }
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        corrections = corrections == null ? List.of() : List.copyOf(corrections);
    }

    /**
     * A score without corrections (the constructor of the first release, kept for compatibility).
     *
     * @param breakdown BANT scores, each 0-100
     * @param overall weighted overall score 0-100
     * @param grade letter grade of {@code overall}
     * @param reasons why, each citing the fact used
     * @param method rules or model
     * @param model model name when {@code method} is model, else null
     * @throws IllegalArgumentException if {@code overall} is outside 0-100
     */
    public LeadScore(BantScores breakdown, int overall, Grade grade, List<String> reasons, Method method,
                     String model) {
        this(breakdown, overall, grade, reasons, method, model, List.of());
    }
}
