package dev.salesagent.crm.hubspot.internal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /crm/v3/objects/{objectType}/batch/create} ({@code BatchInputSimplePublicObjectBatchInputForCreate},
 * inputs without {@code id}) and {@code .../batch/update} ({@code BatchInputSimplePublicObjectBatchInput}, inputs with
 * the record {@code id}); at most 100 inputs.
 *
 * @see <a href="https://developers.hubspot.com/docs/guides/api/crm/objects/companies">Companies API</a>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BatchWriteRequest(List<Input> inputs) {

    /** One input: {@code id} (update only) is the HubSpot record id; {@code objectWriteTraceId} attributes 207 errors. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Input(String id, String objectWriteTraceId, Map<String, String> properties) {}
}
