package dev.salesagent.crm.netsuite.internal.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Write body of a company {@code customer} record ({@code isPerson} is always false; {@code subsidiary} only on create
 * in OneWorld accounts).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CustomerBody(String companyName, String url, String phone, Boolean isPerson, RecordRef subsidiary) {
}
