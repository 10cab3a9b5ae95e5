package dev.salesagent.agents.sales;

/**
 * The {@code AiContext} feature names the sales agents set on their model calls, so that sdk-core's router
 * tiers, caches and bills each call per feature.
 */
public final class Features {
    public static final String RESEARCH = "research";
    public static final String LEAD_SCORING = "lead_scoring";
    public static final String OUTREACH = "outreach";
    public static final String FOLLOW_UP = "follow_up";
    public static final String PROPOSAL = "proposal";
    public static final String BATTLE_CARD = "battle_card";
    public static final String CONVERSATION_ANALYSIS = "conversation_analysis";

    private Features() {
    }
}
