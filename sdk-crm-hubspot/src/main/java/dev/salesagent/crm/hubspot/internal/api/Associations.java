package dev.salesagent.crm.hubspot.internal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.salesagent.crm.hubspot.internal.api.ObjectCreateRequest.ObjectId;
import java.util.List;

/**
 * Associations v4 DTOs.
 *
 * @see <a href="https://developers.hubspot.com/docs/guides/api/crm/associations/associations-v4">Associations v4</a>
 */
public final class Associations {
    private Associations() {}

    /** {@code MultiAssociatedObjectWithLabel}: one associated record in a v4 list or batch read. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AssociatedObject(String toObjectId, List<AssociationType> associationTypes) {}

    /** {@code AssociationSpecWithLabel}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AssociationType(String category, Integer typeId, String label) {}

    /** Body of {@code POST /crm/v4/associations/{from}/{to}/batch/read}: {@code {"inputs":[{"id":..}]}}. */
    public record BatchReadInput(List<ObjectId> inputs) {}

    /** One {@code PublicAssociationMultiWithLabel} result of a v4 batch read. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BatchReadResult(ObjectId from, List<AssociatedObject> to) {}

    /** Body of {@code POST /crm/v4/associations/{from}/{to}/batch/associate/default}. */
    public record DefaultAssociateInput(List<Pair> inputs) {}

    /** {@code PublicDefaultAssociationMultiPost}: from and to ids. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Pair(ObjectId from, ObjectId to) {}
}
