package dev.salesagent.crm.netsuite.internal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A HATEOAS link ({@code rel} = self, next, previous, first, last). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Link(String rel, String href) {
}
