package dev.salesagent.crm.salesforce.internal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Result of a create, upsert or one item of an sObject Collections call: {@code {"id","success","errors","created"}}
 * ({@code created} since API v46.0).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SaveResult(String id, boolean success, List<SfError> errors, Boolean created) {

    public SaveResult {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}
