package dev.salesagent.agents.sales;

import dev.salesagent.agents.sales.lead.InvalidLeadException;

/**
 * Root of every failure raised by the sales agents. Unchecked; subclasses say what the caller can act on:
 * {@link InvalidLeadException} (the input lead is unusable) and {@link InvalidModelOutputException} (a model
 * answered with output that failed validation even after one repair attempt). Failures of the model call itself
 * surface as sdk-core's {@code ModelCallException}; CRM failures as sdk-crm-spi's {@code CrmException}.
 */
public class SalesAgentException extends RuntimeException {

    /**
     * Creates the exception.
     *
     * @param message what failed
     */
    public SalesAgentException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the underlying failure
     */
    public SalesAgentException(String message, Throwable cause) {
        super(message, cause);
    }
}
