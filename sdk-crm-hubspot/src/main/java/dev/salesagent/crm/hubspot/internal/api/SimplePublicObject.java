package dev.salesagent.crm.hubspot.internal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * HubSpot's {@code SimplePublicObject} / {@code SimplePublicUpsertObject} / {@code SimplePublicObjectWithAssociations}:
 * one CRM record with its string-valued properties. {@code new} is only present in batch upsert results.
 *
 * @see <a href="https://developers.hubspot.com/docs/api-reference/crm-objects-v3/guide">CRM objects API</a>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SimplePublicObject(
        String id,
        Map<String, String> properties,
        Instant createdAt,
        Instant updatedAt,
        Boolean archived,
        @JsonProperty("new") Boolean isNew,
        String objectWriteTraceId,
        Map<String, AssociatedIds> associations) {

    /** Property value or null. */
    public String property(String name) {
        return properties == null ? null : properties.get(name);
    }

    /** First associated id of the given object type (e.g. "companies"), or null. */
    public String firstAssociated(String objectType) {
        if (associations == null) {
            return null;
        }
        AssociatedIds ids = associations.get(objectType);
        if (ids == null || ids.results() == null || ids.results().isEmpty()) {
            return null;
        }
        return ids.results().get(0).id();
    }

    /** {@code CollectionResponseAssociatedId}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AssociatedIds(java.util.List<AssociatedId> results) {}

    /** {@code AssociatedId}: id and type such as {@code contact_to_company}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AssociatedId(String id, String type) {}
}
