package dev.salesagent.crm.salesforce.internal.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Body of a Composite call: up to 25 subrequests in one transaction when {@code allOrNone} is true; later
 * subrequests reference earlier results as {@code @{referenceId.field}}
 * (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_composite.htm,
 * body: https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/requests_composite.htm).
 *
 * <p>{@code collateSubrequests} (default true since API 49.0) lets Salesforce run subrequests without an explicit
 * {@code @{ref}} dependency in any order; false runs them in the order sent.
 */
public record CompositeRequest(boolean allOrNone, boolean collateSubrequests, List<Subrequest> compositeRequest) {

    /** Documented maximum number of subrequests. */
    public static final int MAX_SUBREQUESTS = 25;

    /** One subrequest; {@code url} starts with {@code /services/data/vXX.X/}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Subrequest(String method, String url, String referenceId, JsonNode body) { }
}
