package dev.salesagent.crm;

/** The record with the given id (or natural key) does not exist (HTTP 404). Not retryable. */
public class CrmNotFoundException extends CrmException {

    /** A failure with vendor details ({@code null} allowed). */
    public CrmNotFoundException(String message, ErrorDetails details) {
        super(message, details);
    }

    /** A failure with vendor details ({@code null} allowed) and a cause. */
    public CrmNotFoundException(String message, ErrorDetails details, Throwable cause) {
        super(message, details, cause);
    }
}
