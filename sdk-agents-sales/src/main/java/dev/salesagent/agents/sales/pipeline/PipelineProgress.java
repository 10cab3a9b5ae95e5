package dev.salesagent.agents.sales.pipeline;

/**
 * Told about each lead as soon as it has been analyzed (before the CRM sync). Called from pipeline threads,
 * possibly concurrently; must be thread-safe and fast. An exception it throws is ignored.
 */
@FunctionalInterface
public interface PipelineProgress {

    /**
     * @param lead  the lead's result so far (no CRM outcome yet)
     * @param done  leads analyzed so far, including this one
     * @param total leads in the run
     */
    void analyzed(LeadResult lead, int done, int total);
}
