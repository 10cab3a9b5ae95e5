package dev.salesagent.crm;

import java.util.List;
import java.util.Objects;

/**
 * The CRM rejected the record or request as invalid (HTTP 400/422, or a client-side check).
 * {@link #fieldErrors()} names each offending field. Not retryable without changing the input.
 */
public class CrmValidationException extends CrmException {

    /**
     * One invalid field.
     *
     * @param field   our field name (e.g. {@code email}), or the vendor property when it has no mapping; may be {@code null}
     * @param code    a machine-readable code ({@code REQUIRED}, {@code INVALID_EMAIL}, or the vendor's code)
     * @param message a human-readable explanation
     */
    public record FieldError(String field, String code, String message) {
        /**
         * Checks that the code is set.
         *
         * @param field our field name (e.g. {@code email}), or the vendor property when it has no mapping; may be
         *     {@code null}
         * @param code a machine-readable code ({@code REQUIRED}, {@code INVALID_EMAIL}, or the vendor's code); not
         *     {@code null}
         * @param message a human-readable explanation
         * @throws NullPointerException if {@code code} is null
         */
        public FieldError {
            Objects.requireNonNull(code, "code");
        }
    }

    /** The offending fields; unmodifiable, empty when the vendor did not say. */
    private final List<FieldError> fieldErrors;

    /**
     * A validation failure with the given field errors (may be empty).
     *
     * @param message what was rejected, in words for a log
     * @param details what the vendor said (provider, HTTP status, vendor code, request id); {@code null} for a
     *     client-side check
     * @param fieldErrors the offending fields, possibly empty; copied
     */
    public CrmValidationException(String message, ErrorDetails details, List<FieldError> fieldErrors) {
        super(message, details);
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    /** {@return the offending fields; empty when the vendor did not say} */
    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    @Override
    public String getMessage() {
        return fieldErrors.isEmpty() ? super.getMessage() : super.getMessage() + " " + fieldErrors;
    }
}
