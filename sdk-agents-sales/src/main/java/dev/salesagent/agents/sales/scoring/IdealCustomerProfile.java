package dev.salesagent.agents.sales.scoring;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A tenant's ideal customer profile: what the rules scorer rewards, and how the four BANT scores are weighted
 * and graded. Immutable; build with {@link #builder()} or start from {@link #defaults()}. Keywords match
 * case-insensitively as substrings.
 *
 * <p>Defaults: industries software, information technology, saas, financial services, financials, fintech,
 * health care, e-commerce, retail, telecommunications; 50-10,000 employees; any country; functions sales,
 * revenue, marketing, operations, growth, business development; pain keywords as listed in {@link #defaults()};
 * weights budget 0.25, authority 0.25, need 0.30, timeline 0.20; grade cut-offs A 75, B 55, C 35.
 */
public final class IdealCustomerProfile {

    private static final IdealCustomerProfile DEFAULTS = builder().build();

    private final Set<String> industries;
    private final long minEmployees;
    private final long maxEmployees;
    private final Set<String> countries;
    private final Set<String> functions;
    private final Set<String> painKeywords;
    private final double budgetWeight;
    private final double authorityWeight;
    private final double needWeight;
    private final double timelineWeight;
    private final int gradeA;
    private final int gradeB;
    private final int gradeC;

    private IdealCustomerProfile(Builder b) {
        this.industries = lower(b.industries);
        this.minEmployees = b.minEmployees;
        this.maxEmployees = b.maxEmployees;
        this.countries = lower(b.countries);
        this.functions = lower(b.functions);
        this.painKeywords = lower(b.painKeywords);
        double sum = b.budgetWeight + b.authorityWeight + b.needWeight + b.timelineWeight;
        this.budgetWeight = b.budgetWeight / sum;
        this.authorityWeight = b.authorityWeight / sum;
        this.needWeight = b.needWeight / sum;
        this.timelineWeight = b.timelineWeight / sum;
        this.gradeA = b.gradeA;
        this.gradeB = b.gradeB;
        this.gradeC = b.gradeC;
    }

    /** The default profile described in the class comment. */
    public static IdealCustomerProfile defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with this profile. */
    public Builder toBuilder() {
        return new Builder().industries(industries).employees(minEmployees, maxEmployees).countries(countries)
                .functions(functions).painKeywords(painKeywords)
                .weights(budgetWeight, authorityWeight, needWeight, timelineWeight).gradeCutoffs(gradeA, gradeB, gradeC);
    }

    /** Target industries (lower case); empty means every industry fits. */
    public Set<String> industries() { return industries; }
    /** Smallest ideal company, employees. */
    public long minEmployees() { return minEmployees; }
    /** Largest ideal company, employees. */
    public long maxEmployees() { return maxEmployees; }
    /** Target countries (lower case names or ISO codes); empty means every country. */
    public Set<String> countries() { return countries; }
    /** Buyer functions that appear in a good contact's title (lower case). */
    public Set<String> functions() { return functions; }
    /** Pain keywords that signal need when they appear in notes (lower case). */
    public Set<String> painKeywords() { return painKeywords; }
    /** Normalized weight of budget in the overall score (the four weights sum to 1). */
    public double budgetWeight() { return budgetWeight; }
    /** Normalized weight of authority. */
    public double authorityWeight() { return authorityWeight; }
    /** Normalized weight of need. */
    public double needWeight() { return needWeight; }
    /** Normalized weight of timeline. */
    public double timelineWeight() { return timelineWeight; }

    /**
     * The minimum overall score (0-100) for a grade under this profile: A, B and C as set by
     * {@link Builder#gradeCutoffs(int, int, int)} (defaults 75, 55, 35); 0 for D.
     */
    public int gradeCutoff(Grade grade) {
        return switch (grade) {
            case A -> gradeA;
            case B -> gradeB;
            case C -> gradeC;
            case D -> 0;
        };
    }

    /** The grade of an overall score 0-100 under this profile's cut-offs. */
    public Grade grade(int overall) {
        if (overall >= gradeA) {
            return Grade.A;
        }
        if (overall >= gradeB) {
            return Grade.B;
        }
        return overall >= gradeC ? Grade.C : Grade.D;
    }

    /** Weighted overall score of a breakdown, rounded, 0-100. */
    public int overall(BantScores s) {
        return (int) Math.round(s.budget() * budgetWeight + s.authority() * authorityWeight + s.need() * needWeight
                + s.timeline() * timelineWeight);
    }

    private static Set<String> lower(Collection<String> values) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                out.add(v.strip().toLowerCase(Locale.ROOT));
            }
        }
        // insertion order, not Set.copyOf: its iteration order changes from one JVM to the next, and the scorer's
        // reasons cite the first matching keyword, so results would differ between identical runs
        return java.util.Collections.unmodifiableSet(out);
    }

    @Override
    public String toString() {
        return "IdealCustomerProfile[industries=" + industries + ", employees=" + minEmployees + "-" + maxEmployees
                + ", countries=" + countries + ", weights=" + budgetWeight + "/" + authorityWeight + "/" + needWeight
                + "/" + timelineWeight + ", cutoffs=" + gradeA + "/" + gradeB + "/" + gradeC + "]";
    }

    /** Builder; {@link #build()} validates and reports the bad value. */
    public static final class Builder {
        private Collection<String> industries = List.of("software", "information technology", "saas",
                "financial services", "financials", "fintech", "health care", "e-commerce", "retail",
                "telecommunications");
        private long minEmployees = 50;
        private long maxEmployees = 10_000;
        private Collection<String> countries = List.of();
        private Collection<String> functions = List.of("sales", "revenue", "marketing", "operations", "growth",
                "business development", "commercial");
        private Collection<String> painKeywords = List.of("manual", "spreadsheet", "pipeline", "forecast", "churn",
                "crm", "data quality", "visibility", "conversion", "quota", "scale", "slow", "follow-up", "follow up");
        private double budgetWeight = 0.25;
        private double authorityWeight = 0.25;
        private double needWeight = 0.30;
        private double timelineWeight = 0.20;
        private int gradeA = 75;
        private int gradeB = 55;
        private int gradeC = 35;

        private Builder() {
        }

        public Builder industries(Collection<String> v) { this.industries = Objects.requireNonNull(v); return this; }
        public Builder countries(Collection<String> v) { this.countries = Objects.requireNonNull(v); return this; }
        public Builder functions(Collection<String> v) { this.functions = Objects.requireNonNull(v); return this; }
        public Builder painKeywords(Collection<String> v) { this.painKeywords = Objects.requireNonNull(v); return this; }

        /** Ideal company size range, employees (inclusive). */
        public Builder employees(long min, long max) {
            this.minEmployees = min;
            this.maxEmployees = max;
            return this;
        }

        /** Relative weights (any non-negative numbers, normalized to sum 1). */
        public Builder weights(double budget, double authority, double need, double timeline) {
            this.budgetWeight = budget;
            this.authorityWeight = authority;
            this.needWeight = need;
            this.timelineWeight = timeline;
            return this;
        }

        /** Minimum overall score for grades A, B and C; below C is D. */
        public Builder gradeCutoffs(int a, int b, int c) {
            this.gradeA = a;
            this.gradeB = b;
            this.gradeC = c;
            return this;
        }

        /** @throws IllegalArgumentException naming the bad value */
        public IdealCustomerProfile build() {
            if (minEmployees < 0 || maxEmployees < minEmployees) {
                throw new IllegalArgumentException("employees range must satisfy 0 <= min <= max but was "
                        + minEmployees + "-" + maxEmployees);
            }
            double[] w = {budgetWeight, authorityWeight, needWeight, timelineWeight};
            double sum = 0;
            for (double x : w) {
                if (x < 0 || Double.isNaN(x)) {
                    throw new IllegalArgumentException("weights must be >= 0 but were " + java.util.Arrays.toString(w));
                }
                sum += x;
            }
            if (sum <= 0) {
                throw new IllegalArgumentException("at least one weight must be > 0");
            }
            if (!(100 >= gradeA && gradeA > gradeB && gradeB > gradeC && gradeC > 0)) {
                throw new IllegalArgumentException("grade cut-offs must satisfy 100 >= A > B > C > 0 but were "
                        + gradeA + "/" + gradeB + "/" + gradeC);
            }
            return new IdealCustomerProfile(this);
        }
    }
}
