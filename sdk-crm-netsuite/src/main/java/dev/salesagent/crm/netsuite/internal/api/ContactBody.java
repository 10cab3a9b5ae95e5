package dev.salesagent.crm.netsuite.internal.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Write body of a {@code contact} record attached to its company through {@code company}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContactBody(String firstName, String lastName, String email, String title, String phone,
                          RecordRef company) {
}
