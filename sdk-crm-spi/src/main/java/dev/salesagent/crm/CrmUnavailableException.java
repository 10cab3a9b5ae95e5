package dev.salesagent.crm;

/**
 * The CRM could not be reached or failed on its side: HTTP 5xx, a timeout, a connection failure, or
 * an open circuit breaker. {@linkplain #retryable() Retryable}.
 */
public class CrmUnavailableException extends CrmException {

    /** A failure with vendor details ({@code null} allowed). */
    public CrmUnavailableException(String message, ErrorDetails details) {
        super(message, details);
    }

    /** A failure with vendor details ({@code null} allowed) and a cause. */
    public CrmUnavailableException(String message, ErrorDetails details, Throwable cause) {
        super(message, details, cause);
    }

    /** Always {@code true}. */
    @Override
    public boolean retryable() {
        return true;
    }
}
