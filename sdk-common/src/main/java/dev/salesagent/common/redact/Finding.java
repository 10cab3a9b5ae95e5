package dev.salesagent.common.redact;

/**
 * One span of text a detector wants replaced. Package-private: the engine resolves overlaps by
 * {@link #priority()} (lower wins), then by length (longer wins).
 *
 * @param start       first char index, inclusive
 * @param end         last char index, exclusive
 * @param kind        what was found; null for a protected span (an earlier mask or token) kept as is
 * @param value       the normalised value a pseudonym is computed from (e.g. E.164 for a phone)
 * @param replacement the mask to write when pseudonyms are off
 */
record Finding(int start, int end, PiiRedactor.Kind kind, String value, String replacement) {

    int priority() {
        if (kind == null) {
            return 0;
        }
        return switch (kind) {
            case SECRET -> 1;
            case EMAIL -> 2;
            case NAME, STREET_ADDRESS, DATE_OF_BIRTH -> 3;
            case IBAN, PAYMENT_CARD, SSN -> 4;
            case PHONE -> 5;
        };
    }

    int length() {
        return end - start;
    }
}
