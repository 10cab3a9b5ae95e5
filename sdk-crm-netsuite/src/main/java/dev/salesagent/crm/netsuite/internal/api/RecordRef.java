package dev.salesagent.crm.netsuite.internal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** A reference to another record: {@code {"id": "107"}} on write, plus {@code refName} on read. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecordRef(String id, String refName) {

    public static RecordRef of(String id) {
        return id == null ? null : new RecordRef(id, null);
    }
}
