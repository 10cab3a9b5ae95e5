package dev.salesagent.crm.salesforce.internal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One Salesforce error. Resources answer {@code [{"message","errorCode","fields"}]}; sObject Collections results
 * name the code {@code statusCode} instead
 * (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SfError(String message, String errorCode, String statusCode, List<String> fields) {

    public SfError {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    /** {@code errorCode}, or {@code statusCode} in collection results. */
    public String code() {
        return errorCode != null ? errorCode : statusCode;
    }
}
