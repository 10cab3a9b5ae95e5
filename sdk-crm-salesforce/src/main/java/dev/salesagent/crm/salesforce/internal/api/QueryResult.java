package dev.salesagent.crm.salesforce.internal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One batch of a SOQL query: {@code {"totalSize","done","nextRecordsUrl","records"}}; records stay JSON because
 * their fields depend on the configured field mappings
 * (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_query.htm).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QueryResult(int totalSize, boolean done, String nextRecordsUrl, List<ObjectNode> records) {

    public QueryResult {
        records = records == null ? List.of() : List.copyOf(records);
    }
}
