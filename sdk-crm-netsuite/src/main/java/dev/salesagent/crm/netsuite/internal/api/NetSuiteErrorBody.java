package dev.salesagent.crm.netsuite.internal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * NetSuite's REST error shape (RFC 7807 style) as documented in
 * <a href="https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156570709583.html">Error Handling in
 * REST Web Services</a>.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NetSuiteErrorBody(
        String type,
        String title,
        Integer status,
        @JsonProperty("o:errorDetails") List<Detail> errorDetails) {

    /** One entry of {@code o:errorDetails}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Detail(
            String detail,
            @JsonProperty("o:errorCode") String errorCode,
            @JsonProperty("o:errorPath") String errorPath,
            @JsonProperty("o:errorUrl") String errorUrl,
            @JsonProperty("o:errorQueryParam") String errorQueryParam,
            @JsonProperty("o:errorHeader") String errorHeader) {

        public static Detail of(String detail, String errorCode, String errorPath) {
            return new Detail(detail, errorCode, errorPath, null, null, null);
        }
    }

    /** The first detail's error code, or null. */
    public String firstErrorCode() {
        return errorDetails == null || errorDetails.isEmpty() ? null : errorDetails.get(0).errorCode();
    }
}
