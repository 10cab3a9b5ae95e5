package dev.salesagent.crm.salesforce.simulator;

import java.util.List;

/**
 * One Salesforce error as the REST API reports it: {@code errorCode} (called {@code statusCode} inside sObject
 * Collections results), {@code message} and {@code fields}.
 */
final class SfError extends RuntimeException {

    final int httpStatus;
    final String code;
    final List<String> fields;

    SfError(int httpStatus, String code, String message, List<String> fields) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
        this.code = code;
        this.fields = List.copyOf(fields);
    }

    static SfError badRequest(String code, String message, String... fields) {
        return new SfError(400, code, message, List.of(fields));
    }

    static SfError notFound() {
        return new SfError(404, "NOT_FOUND", "The requested resource does not exist", List.of());
    }
}
