package dev.salesagent.crm.netsuite.internal.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Write body of a completed {@code phoneCall} or {@code task} activity used to store a note: {@code title},
 * {@code message} (the note body), {@code status} ({@code COMPLETE}), and the record it belongs to through
 * {@code company}, {@code contact} or {@code transaction}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActivityBody(String title, String message, String status, String startDate, RecordRef company,
                           RecordRef contact, RecordRef transaction) {
}
