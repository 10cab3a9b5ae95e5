package dev.salesagent.agents.sales.scoring;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A tenant's ideal customer profile: what the rules scorer rewards, and how the four BANT scores are weighted
 * and graded. Immutable; build with {@link #builder()} or start from {@link #defaults()}. Industry keywords match
 * industry names as written in real files, whatever the taxonomy (GICS, Salesforce, HubSpot, LinkedIn; see
 * {@link Builder#industries(Collection)}); functions match words of titles; pain keywords match case-insensitively as
 * substrings of the notes.
 *
 * <p>Defaults, a general business-to-business profile: industries software, information technology, saas, financial
 * services, financials, fintech, health care, e-commerce, retail, telecommunications, professional services; 50 or
 * more employees (no upper bound); any country; functions sales, revenue, marketing, operations, growth, business
 * development, commercial; pain keywords as listed in {@link #defaults()}; weights budget 0.25, authority 0.25,
 * need 0.30, timeline 0.20; grade cut-offs A 75, B 55, C 35. A fact a lead's data does not state (no title, no
 * employee count, no industry) counts as neutral, not as a bad fact (see {@link LeadScorer#rules()}).
 */
public final class IdealCustomerProfile {

    private static final IdealCustomerProfile DEFAULTS = builder().build();

    private final Set<String> industries;
    private final List<IndustryTaxonomy.Name> industryNames;
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
        this.industryNames = industries.stream().map(IndustryTaxonomy::name).toList();
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

    /** {@return the default profile described in the class comment} */
    public static IdealCustomerProfile defaults() {
        return DEFAULTS;
    }

    /** {@return a builder holding the defaults described in the class comment} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@return a new builder pre-filled with this profile's values; changing it leaves this profile as is}
     */
    public Builder toBuilder() {
        return new Builder().industries(industries).employees(minEmployees, maxEmployees).countries(countries)
                .functions(functions).painKeywords(painKeywords)
                .weights(budgetWeight, authorityWeight, needWeight, timelineWeight).gradeCutoffs(gradeA, gradeB, gradeC);
    }

    /** {@return target industries (lower case); empty means every industry fits} */
    public Set<String> industries() { return industries; }
    /** The industry keywords read once by the taxonomy, in {@link #industries()} order. */
    List<IndustryTaxonomy.Name> industryNames() { return industryNames; }
    /** {@return smallest ideal company, employees} */
    public long minEmployees() { return minEmployees; }
    /** {@return largest ideal company, employees; {@link Long#MAX_VALUE} (the default) means no upper bound} */
    public long maxEmployees() { return maxEmployees; }
    /** {@return target countries (lower case names or ISO codes); empty means every country} */
    public Set<String> countries() { return countries; }
    /** {@return buyer functions that appear in a good contact's title (lower case)} */
    public Set<String> functions() { return functions; }
    /** {@return pain keywords that signal need when they appear in notes (lower case)} */
    public Set<String> painKeywords() { return painKeywords; }
    /** {@return normalized weight of budget in the overall score (the four weights sum to 1)} */
    public double budgetWeight() { return budgetWeight; }
    /** {@return normalized weight of authority} */
    public double authorityWeight() { return authorityWeight; }
    /** {@return normalized weight of need} */
    public double needWeight() { return needWeight; }
    /** {@return normalized weight of timeline} */
    public double timelineWeight() { return timelineWeight; }

    /**
     * The minimum overall score (0-100) for a grade under this profile: A, B and C as set by
     * {@link Builder#gradeCutoffs(int, int, int)} (defaults 75, 55, 35); 0 for D.
     *
     * @param grade the grade, not null
     * @return the lowest overall score (0-100) that earns {@code grade}
     */
    public int gradeCutoff(Grade grade) {
        return switch (grade) {
            case A -> gradeA;
            case B -> gradeB;
            case C -> gradeC;
            case D -> 0;
        };
    }

    /**
     * {@return the grade of an overall score 0-100 under this profile's cut-offs}
     *
     * @param overall an overall score, normally from {@link #overall(BantScores)} (0-100)
     */
    public Grade grade(int overall) {
        if (overall >= gradeA) {
            return Grade.A;
        }
        if (overall >= gradeB) {
            return Grade.B;
        }
        return overall >= gradeC ? Grade.C : Grade.D;
    }

    /**
     * {@return weighted overall score of a breakdown, rounded, 0-100}
     *
     * @param s the four BANT scores, each 0-100
     */
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
        return "IdealCustomerProfile[industries=" + industries + ", employees=" + minEmployees + "-"
                + (maxEmployees == Long.MAX_VALUE ? "" : String.valueOf(maxEmployees))
                + ", countries=" + countries + ", weights=" + budgetWeight + "/" + authorityWeight + "/" + needWeight
                + "/" + timelineWeight + ", cutoffs=" + gradeA + "/" + gradeB + "/" + gradeC + "]";
    }

    /** Builder; {@link #build()} validates and reports the bad value. */
    public static final class Builder {
        private Collection<String> industries = List.of("software", "information technology", "saas",
                "financial services", "financials", "fintech", "health care", "e-commerce", "retail",
                "telecommunications", "professional services");
        private long minEmployees = 50;
        private long maxEmployees = Long.MAX_VALUE;
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

        /**
         * Target industries. A keyword fits a lead's industry when its words occur in the industry's words
         * ({@code retail} fits {@code Apparel Retail}; case, punctuation, {@code &}/{@code and} and plurals ignored),
         * when it names a sector the industry belongs to ({@code financial services} fits {@code Regional Banks},
         * {@code Property & Casualty Insurance} and {@code INVESTMENT_BANKING}; {@code health care} fits
         * {@code Major Pharmaceuticals}; {@code information technology} fits {@code EDP Services} and
         * {@code Semiconductors}), or when both name the same industry group ({@code software} fits
         * {@code COMPUTER_SOFTWARE} and {@code Application Software}). Sectors are GICS's eleven plus education and
         * the public sector. An industry of {@code n/a}, {@code Other}, {@code unknown} or blank counts as unknown.
         *
         * @param v industry keywords; blanks are ignored; empty means every industry fits
         * @return this builder
         */
        public Builder industries(Collection<String> v) { this.industries = Objects.requireNonNull(v); return this; }
        /**
         * Target countries.
         *
         * @param v country names or ISO codes, matched case-insensitively; empty (the default) means every country
         * @return this builder
         */
        public Builder countries(Collection<String> v) { this.countries = Objects.requireNonNull(v); return this; }
        /**
         * Buyer functions that make a contact a decision maker when they appear in the contact's title.
         *
         * @param v function keywords (e.g. {@code sales}, {@code revenue}), matched case-insensitively as words of the
         *          title, where {@code CRO}, {@code CMO}, {@code COO}, {@code RevOps}, {@code SDR}, {@code BDR} and
         *          {@code AE} stand for their functions
         * @return this builder
         */
        public Builder functions(Collection<String> v) { this.functions = Objects.requireNonNull(v); return this; }
        /**
         * Pain keywords that raise the need score when they appear in the lead's notes.
         *
         * @param v keywords or phrases (e.g. {@code spreadsheet}, {@code data quality}), matched case-insensitively
         * @return this builder
         */
        public Builder painKeywords(Collection<String> v) { this.painKeywords = Objects.requireNonNull(v); return this; }

        /**
         * Ideal company size range, employees (inclusive).
         *
         * @param min smallest ideal company, employees (>= 0; checked by {@link #build()})
         * @param max largest ideal company, employees (>= {@code min}; checked by {@link #build()});
         *            {@link Long#MAX_VALUE} for no upper bound
         * @return this builder
         */
        public Builder employees(long min, long max) {
            this.minEmployees = min;
            this.maxEmployees = max;
            return this;
        }

        /**
         * Relative weights (any non-negative numbers, normalized to sum 1).
         *
         * @param budget relative weight of the budget score (>= 0)
         * @param authority relative weight of the authority score (>= 0)
         * @param need relative weight of the need score (>= 0)
         * @param timeline relative weight of the timeline score (>= 0); at least one weight must be positive
         * @return this builder
         */
        public Builder weights(double budget, double authority, double need, double timeline) {
            this.budgetWeight = budget;
            this.authorityWeight = authority;
            this.needWeight = need;
            this.timelineWeight = timeline;
            return this;
        }

        /**
         * Minimum overall score for grades A, B and C; below C is D.
         *
         * @param a lowest overall score graded A (at most 100)
         * @param b lowest overall score graded B (below {@code a})
         * @param c lowest overall score graded C (below {@code b}, above 0)
         * @return this builder
         */
        public Builder gradeCutoffs(int a, int b, int c) {
            this.gradeA = a;
            this.gradeB = b;
            this.gradeC = c;
            return this;
        }

        /**
         * Validates the values and builds the profile, normalizing the weights to sum 1.
         *
         * @return the immutable profile
         * @throws IllegalArgumentException naming the bad value: an employee range outside
         *                                  {@code 0 <= min <= max}, a negative or NaN weight, all weights zero, or
         *                                  cut-offs not satisfying {@code 100 >= A > B > C > 0}
         */
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
