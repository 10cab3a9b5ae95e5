package dev.salesagent.agents.sales.scoring;

/**
 * The BANT breakdown of a lead score, each 0-100.
 *
 * @param budget    ability to pay (company size, revenue)
 * @param authority the contact's power to buy (title seniority)
 * @param need      fit with the ideal customer profile and stated pains
 * @param timeline  how soon they will buy (timing words, recent activity)
 */
public record BantScores(int budget, int authority, int need, int timeline) {

    /**
     * Validates the components.
     *
     * @param budget ability to pay (company size, revenue)
     * @param authority the contact's power to buy (title seniority)
     * @param need fit with the ideal customer profile and stated pains
     * @param timeline how soon they will buy (timing words, recent activity)
     * @throws IllegalArgumentException if a value is outside 0-100
     */
    public BantScores {
        check("budget", budget);
        check("authority", authority);
        check("need", need);
        check("timeline", timeline);
    }

    private static void check(String name, int v) {
        if (v < 0 || v > 100) {
            throw new IllegalArgumentException(name + " must be 0-100 but was " + v);
        }
    }
}
