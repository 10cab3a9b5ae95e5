package dev.salesagent.crm.netsuite.internal.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.CrmRateLimitException;
import dev.salesagent.crm.CrmValidationException.FieldError;
import dev.salesagent.crm.http.CrmResponse;
import dev.salesagent.crm.http.VendorErrorMapper;
import dev.salesagent.crm.netsuite.internal.api.NetSuiteErrorBody;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Maps NetSuite's error body ({@code type}, {@code title}, {@code status}, {@code o:errorDetails[]} with
 * {@code detail}, {@code o:errorCode}, {@code o:errorPath};
 * <a href="https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156570709583.html">doc</a>) to SPI
 * exceptions, keeping the first {@code o:errorCode} as vendor code and every detail with a path as a field error.
 * HTTP 429 and the throttling codes ({@code SSS_REQUEST_LIMIT_EXCEEDED} and the concurrency codes, which NetSuite may
 * send with 400) become a retryable {@link CrmRateLimitException}; everything else follows the status
 * ({@link VendorErrorMapper#toException}).
 */
public final class NetSuiteErrorMapper implements VendorErrorMapper {

    /** Error codes that mean "throttled, try again later". */
    static final Set<String> THROTTLING_CODES = Set.of("SSS_REQUEST_LIMIT_EXCEEDED", "CONCURRENCY_LIMIT_EXCEEDED",
            "WS_CONCUR_SESSION_DISALLOWED", "EXCEEDED_CONCURRENCY_LIMIT", "REQUEST_LIMIT_EXCEEDED");

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public CrmException map(CrmResponse response) {
        NetSuiteErrorBody body = parse(response.bodyString());
        String code = body == null ? null : body.firstErrorCode();
        String message = message(body, response.status());
        if (response.status() == 429 || (code != null && THROTTLING_CODES.contains(code))) {
            return new CrmRateLimitException(message, response.errorDetails(code), response.retryAfter().orElse(null),
                    false);
        }
        List<FieldError> fieldErrors = new ArrayList<>();
        if (body != null && body.errorDetails() != null) {
            for (NetSuiteErrorBody.Detail d : body.errorDetails()) {
                if (d.errorPath() != null) {
                    fieldErrors.add(new FieldError(d.errorPath(), d.errorCode() == null ? "UNKNOWN" : d.errorCode(),
                            d.detail()));
                }
            }
        }
        return VendorErrorMapper.toException(response, message, code, fieldErrors);
    }

    private NetSuiteErrorBody parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return json.readValue(text, NetSuiteErrorBody.class);
        } catch (IOException notNetSuiteJson) {
            return null;
        }
    }

    private static String message(NetSuiteErrorBody body, int status) {
        if (body == null) {
            return "NetSuite answered HTTP " + status;
        }
        if (body.errorDetails() != null && !body.errorDetails().isEmpty()
                && body.errorDetails().get(0).detail() != null) {
            return body.errorDetails().get(0).detail();
        }
        return body.title() != null ? body.title() : "NetSuite answered HTTP " + status;
    }
}
