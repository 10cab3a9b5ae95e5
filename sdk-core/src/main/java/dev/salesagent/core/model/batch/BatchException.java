package dev.salesagent.core.model.batch;

import dev.salesagent.core.model.ModelCallException;

/**
 * A batch API call failed: the vendor refused it (HTTP status and error body in the message), retries of 429/5xx ran
 * out, the batch failed validation (OpenAI {@code failed}), or it did not end within the configured wait. Failures of
 * single requests inside a batch are not exceptions but {@link BatchResult}s.
 */
public class BatchException extends ModelCallException {

    /** HTTP status of the vendor's last answer, or 0 when there was none. */
    private final int statusCode;
    /** The batch concerned, or null when none was created. */
    private final String batchId;

    /**
     * @param message    what failed, with the vendor's status and error body where there was one
     * @param statusCode the vendor's HTTP status, or 0 when there was none
     * @param batchId    the batch concerned, or null
     * @param cause      the underlying failure, or null
     */
    public BatchException(String message, int statusCode, String batchId, Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
        this.batchId = batchId;
    }

    /** {@return the vendor's HTTP status of the failed call, or 0 when there was no response} */
    public int statusCode() {
        return statusCode;
    }

    /** {@return the batch concerned (e.g. one that did not end in time and was cancelled), or null} */
    public String batchId() {
        return batchId;
    }
}
