package dev.salesagent.core.model;

/** Price/quality class of a model endpoint, cheapest first. */
public enum ModelTier {
    /** Small, cheap models for extraction, classification and short drafts (e.g. battle cards). */
    ECONOMY,
    /** General-purpose models for most agent steps and tool use. */
    STANDARD,
    /** The strongest models for long, high-stakes output (e.g. proposals). */
    PREMIUM
}
