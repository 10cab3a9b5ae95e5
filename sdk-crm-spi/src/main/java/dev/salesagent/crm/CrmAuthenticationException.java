package dev.salesagent.crm;

/** The credentials were missing, invalid or expired (HTTP 401). Not retryable: fix the configuration or token source. */
public class CrmAuthenticationException extends CrmException {

    /** A failure with vendor details ({@code null} allowed). */
    public CrmAuthenticationException(String message, ErrorDetails details) {
        super(message, details);
    }

    /** A failure with vendor details ({@code null} allowed) and a cause. */
    public CrmAuthenticationException(String message, ErrorDetails details, Throwable cause) {
        super(message, details, cause);
    }
}
