package dev.salesagent.spring.autoconfigure.agents;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sales agents, prefix {@code salesagent.agents}.
 *
 * @param seller Who is selling, used by outreach, proposals and battle cards.
 * @param model How the model implementations call the router (ignored on rules).
 * @param pipeline The lead pipeline.
 */
@ConfigurationProperties("salesagent.agents")
public record AgentsProperties(@DefaultValue Seller seller, @DefaultValue Model model, @DefaultValue Pipeline pipeline) {

    /**
     * The seller; any key left out keeps the SDK's neutral example value (Northwind Revenue).
     *
     * @param company Seller company name.
     * @param product Product name.
     * @param valueProposition One sentence on what the product does for the buyer, without a trailing period.
     * @param senderName Signature of outreach e-mails.
     */
    public record Seller(String company, String product, String valueProposition, String senderName) {
    }

    /**
     * Options of the model implementations.
     *
     * @param batchSize Leads scored per model call (1 to 50). Default 10.
     * @param temperature Sampling temperature. Default 0.
     * @param maxOutputTokens Cap on output tokens per call. Default 2000.
     */
    public record Model(@DefaultValue("10") int batchSize, @DefaultValue("0.0") Double temperature,
                        @DefaultValue("2000") Integer maxOutputTokens) {
    }

    /**
     * The lead pipeline.
     *
     * @param threads Leads analyzed in parallel. Default 4.
     * @param requireApproval Whether a run pauses before writing to the CRM until approved or rejected (paused runs
     *     are kept by the graph checkpointer, so another instance can approve them). Default false.
     */
    public record Pipeline(@DefaultValue("4") int threads, boolean requireApproval) {
    }
}
