package dev.salesagent.crm.hubspot.internal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A deal pipeline from {@code GET /crm/v3/pipelines/deals}.
 *
 * @see <a href="https://developers.hubspot.com/docs/guides/api/crm/pipelines">Pipelines</a>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Pipeline(String id, String label, Integer displayOrder, List<Stage> stages) {

    /** A pipeline stage: internal id (used in {@code dealstage}) and label shown to users. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Stage(String id, String label, Integer displayOrder) {}
}
