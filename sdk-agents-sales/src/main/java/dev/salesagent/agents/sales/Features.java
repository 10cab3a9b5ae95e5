package dev.salesagent.agents.sales;

/**
 * The {@code AiContext} feature names the sales agents set on their model calls, so that sdk-core's router
 * tiers, caches and bills each call per feature.
 */
public final class Features {
    /** Feature of lead research (CRM lookup, enrichment, web search): {@value}. */
    public static final String RESEARCH = "research";
    /** Feature of lead scoring: {@value}. */
    public static final String LEAD_SCORING = "lead_scoring";
    /** Feature of outreach e-mail drafts: {@value}. */
    public static final String OUTREACH = "outreach";
    /** Feature of follow-up and nurture plans: {@value}. */
    public static final String FOLLOW_UP = "follow_up";
    /** Feature of proposals: {@value}. */
    public static final String PROPOSAL = "proposal";
    /** Feature of competitive battle cards: {@value}. */
    public static final String BATTLE_CARD = "battle_card";
    /** Feature of call, e-mail and meeting transcript analysis: {@value}. */
    public static final String CONVERSATION_ANALYSIS = "conversation_analysis";

    private Features() {
    }
}
