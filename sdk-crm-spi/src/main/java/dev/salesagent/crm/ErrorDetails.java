package dev.salesagent.crm;

/**
 * What a vendor told us about a failed call, kept on every {@link CrmException}.
 *
 * @param providerId the provider id ({@code hubspot}, {@code memory}, ...); may be {@code null}
 * @param httpStatus the HTTP status code, {@code 0} when the failure did not come from an HTTP response
 * @param vendorCode the vendor's own error code (e.g. HubSpot {@code category}, Salesforce {@code errorCode}); may be {@code null}
 * @param requestId  the vendor's correlation/request id (e.g. {@code X-HubSpot-Correlation-Id}); may be {@code null}
 */
public record ErrorDetails(String providerId, int httpStatus, String vendorCode, String requestId) {

    /**
     * {@return details naming only the provider (no HTTP status, vendor code or request id)}
     *
     * @param providerId the provider id, e.g. {@code hubspot}; may be {@code null}
     */
    public static ErrorDetails of(String providerId) {
        return new ErrorDetails(providerId, 0, null, null);
    }

    /**
     * {@return details of an HTTP failure}
     *
     * @param providerId the provider id, e.g. {@code hubspot}; may be {@code null}
     * @param httpStatus the HTTP status code of the response, e.g. {@code 404}
     * @param vendorCode the vendor's own error code (e.g. HubSpot {@code category}); may be {@code null}
     * @param requestId the vendor's correlation/request id; may be {@code null}
     */
    public static ErrorDetails http(String providerId, int httpStatus, String vendorCode, String requestId) {
        return new ErrorDetails(providerId, httpStatus, vendorCode, requestId);
    }
}
