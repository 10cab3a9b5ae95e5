package dev.salesagent.core.model;

/**
 * Root of every failure raised by sdk-core's model layer (routing, provider calls, budgets).
 * Unchecked. Subclasses say what the caller can act on.
 */
public class ModelCallException extends RuntimeException {

    public ModelCallException(String message) {
        super(message);
    }

    public ModelCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
