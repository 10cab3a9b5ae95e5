package dev.salesagent.crm;

/**
 * Root of every failure raised through the CRM SPI (unchecked).
 *
 * <p>Keeps what a caller needs to act: the {@linkplain #providerId() provider}, the
 * {@linkplain #httpStatus() HTTP status}, the {@linkplain #vendorCode() vendor error code} and the
 * vendor's {@linkplain #requestId() correlation id}; {@link #getMessage()} includes all that are known.
 * {@link #retryable()} tells whether repeating the same call later may succeed.
 */
public class CrmException extends RuntimeException {

    /** What the vendor said; never {@code null} (an empty instance when nothing is known). */
    private final ErrorDetails details;

    /**
     * A failure with no vendor details.
     *
     * @param message what failed, in words for a log
     */
    public CrmException(String message) {
        this(message, null, null);
    }

    /**
     * A failure with vendor details ({@code null} allowed).
     *
     * @param message what failed, in words for a log (the vendor details are appended by {@link #getMessage()})
     * @param details what the vendor said (provider, HTTP status, vendor code, request id); {@code null} means none
     *     known
     */
    public CrmException(String message, ErrorDetails details) {
        this(message, details, null);
    }

    /**
     * A failure with vendor details ({@code null} allowed) and a cause.
     *
     * @param message what failed, in words for a log (the vendor details are appended by {@link #getMessage()})
     * @param details what the vendor said (provider, HTTP status, vendor code, request id); {@code null} means none
     *     known
     * @param cause the underlying failure (e.g. an {@code IOException}), or {@code null}
     */
    public CrmException(String message, ErrorDetails details, Throwable cause) {
        super(message, cause);
        this.details = details == null ? new ErrorDetails(null, 0, null, null) : details;
    }

    /** {@return the vendor details; never {@code null}, fields may be empty} */
    public ErrorDetails details() {
        return details;
    }

    /** {@return the provider id, or {@code null} when unknown} */
    public String providerId() {
        return details.providerId();
    }

    /** {@return the HTTP status code, {@code 0} when the failure did not come from an HTTP response} */
    public int httpStatus() {
        return details.httpStatus();
    }

    /** {@return the vendor's error code, or {@code null}} */
    public String vendorCode() {
        return details.vendorCode();
    }

    /** {@return the vendor's correlation/request id, or {@code null}} */
    public String requestId() {
        return details.requestId();
    }

    /**
     * Whether the same call may succeed if repeated later. {@code false} here; {@code true} for
     * {@link CrmUnavailableException} and a {@link CrmRateLimitException} whose quota is not exhausted.
     *
     * @return {@code true} if repeating the same call later may succeed
     */
    public boolean retryable() {
        return false;
    }

    /** The message followed by {@code [provider=.., status=.., code=.., requestId=..]} for the known parts. */
    @Override
    public String getMessage() {
        StringBuilder suffix = new StringBuilder();
        append(suffix, "provider", details.providerId());
        if (details.httpStatus() != 0) {
            append(suffix, "status", Integer.toString(details.httpStatus()));
        }
        append(suffix, "code", details.vendorCode());
        append(suffix, "requestId", details.requestId());
        String base = super.getMessage();
        return suffix.length() == 0 ? base : base + " [" + suffix + "]";
    }

    private static void append(StringBuilder sb, String name, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        if (sb.length() > 0) {
            sb.append(", ");
        }
        sb.append(name).append('=').append(value);
    }
}
