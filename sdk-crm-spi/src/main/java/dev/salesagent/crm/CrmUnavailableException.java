package dev.salesagent.crm;

/**
 * The CRM could not be reached or failed on its side: HTTP 5xx, a timeout, a connection failure, or
 * an open circuit breaker. {@linkplain #retryable() Retryable}.
 */
public class CrmUnavailableException extends CrmException {

    /**
     * A failure with vendor details ({@code null} allowed).
     *
     * @param message what failed, in words for a log (the vendor details are appended by {@link #getMessage()})
     * @param details what the vendor said (provider, HTTP status, vendor code, request id); {@code null} means none
     *     known
     */
    public CrmUnavailableException(String message, ErrorDetails details) {
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
    public CrmUnavailableException(String message, ErrorDetails details, Throwable cause) {
        super(message, details, cause);
    }

    /** Always {@code true}. */
    @Override
    public boolean retryable() {
        return true;
    }
}
