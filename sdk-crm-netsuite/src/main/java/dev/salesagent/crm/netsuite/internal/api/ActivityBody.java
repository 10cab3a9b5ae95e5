package dev.salesagent.crm.netsuite.internal.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Write body of a completed {@code phoneCall} or {@code task} activity used to store a note: {@code title},
 * {@code message} (the note body), {@code status} (a select, so a reference {@code {"id": "COMPLETE"}}: Oracle,
 * "Format of Selects and References", https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545142037.html),
 * and the record it belongs to through
 * {@code company}, {@code contact} or {@code transaction}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActivityBody(String title, String message, RecordRef status, String startDate, RecordRef company,
                           RecordRef contact, RecordRef transaction) {
}
