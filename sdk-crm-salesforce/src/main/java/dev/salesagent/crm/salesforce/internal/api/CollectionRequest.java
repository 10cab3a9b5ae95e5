package dev.salesagent.crm.salesforce.internal.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Body of an sObject Collections call, at most 200 records each carrying {@code attributes.type}
 * (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_upsert.htm).
 */
public record CollectionRequest(boolean allOrNone, List<ObjectNode> records) {

    /** Documented maximum number of records per call. */
    public static final int MAX_RECORDS = 200;
}
