package dev.salesagent.crm;

/** The credentials are valid but lack a scope or permission for the call (HTTP 403). Not retryable. */
public class CrmPermissionException extends CrmException {

    /**
     * A failure with vendor details ({@code null} allowed).
     *
     * @param message what failed, in words for a log (the vendor details are appended by {@link #getMessage()})
     * @param details what the vendor said (provider, HTTP status, vendor code, request id); {@code null} means none
     *     known
     */
    public CrmPermissionException(String message, ErrorDetails details) {
        super(message, details);
    }

    /**
     * A failure with vendor details ({@code null} allowed) and a cause.
     *
     * @param message what failed, in words for a log (the vendor details are appended by {@link #getMessage()})
     * @param details what the vendor said (provider, HTTP status, vendor code, request id); {@code null} means none
     *     known
     * @param cause the underlying failure (e.g. an {@code IOException}), or {@code null}
     */
    public CrmPermissionException(String message, ErrorDetails details, Throwable cause) {
        super(message, details, cause);
    }
}
