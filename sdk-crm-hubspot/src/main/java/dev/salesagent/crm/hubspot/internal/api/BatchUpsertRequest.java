package dev.salesagent.crm.hubspot.internal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * {@code BatchInputSimplePublicObjectBatchInputUpsert}: body of
 * {@code POST /crm/v3/objects/{objectType}/batch/upsert} (at most 100 inputs).
 *
 * @see <a href="https://developers.hubspot.com/docs/api-reference/legacy/crm/objects/contacts/batch/upsert-contacts">Batch upsert</a>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BatchUpsertRequest(List<Input> inputs) {

    /**
     * One input: {@code id} is the value of the unique {@code idProperty} (e.g. the e-mail);
     * {@code objectWriteTraceId} makes HubSpot answer 207 with per-input errors carrying that id.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Input(String id, String idProperty, String objectWriteTraceId, Map<String, String> properties) {}
}
