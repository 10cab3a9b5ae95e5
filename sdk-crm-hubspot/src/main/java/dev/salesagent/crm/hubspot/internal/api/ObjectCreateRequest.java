package dev.salesagent.crm.hubspot.internal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * {@code SimplePublicObjectInputForCreate}: body of {@code POST /crm/v3/objects/{objectType}}, with optional
 * associations created in the same call. Also used (without associations) as the PATCH body.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectCreateRequest(Map<String, String> properties, List<AssociationInput> associations) {

    /** {@code PublicAssociationsForObject}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AssociationInput(ObjectId to, List<AssociationSpec> types) {}

    /** {@code AssociationSpec}: category HUBSPOT_DEFINED with a type id such as 202 (note to contact). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AssociationSpec(String associationCategory, int associationTypeId) {
        public static AssociationSpec hubspotDefined(int typeId) {
            return new AssociationSpec("HUBSPOT_DEFINED", typeId);
        }
    }

    /** {@code PublicObjectId}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ObjectId(String id) {}
}
