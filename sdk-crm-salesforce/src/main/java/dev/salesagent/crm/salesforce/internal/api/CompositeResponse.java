package dev.salesagent.crm.salesforce.internal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** Response of a Composite call: one result per subrequest, in order, each with its own HTTP status and body. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CompositeResponse(List<SubResponse> compositeResponse) {

    public CompositeResponse {
        compositeResponse = compositeResponse == null ? List.of() : List.copyOf(compositeResponse);
    }

    /** One subrequest result; on failure {@code body} is an error array. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SubResponse(JsonNode body, Map<String, String> httpHeaders, int httpStatusCode,
                              String referenceId) { }
}
