package dev.salesagent.crm;

/** The credentials are valid but lack a scope or permission for the call (HTTP 403). Not retryable. */
public class CrmPermissionException extends CrmException {

    /** A failure with vendor details ({@code null} allowed). */
    public CrmPermissionException(String message, ErrorDetails details) {
        super(message, details);
    }

    /** A failure with vendor details ({@code null} allowed) and a cause. */
    public CrmPermissionException(String message, ErrorDetails details, Throwable cause) {
        super(message, details, cause);
    }
}
