package dev.salesagent.crm.hubspot.internal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.salesagent.crm.hubspot.internal.api.ObjectCreateRequest.ObjectId;
import java.util.List;

/** {@code BatchReadInputSimplePublicObjectId}: body of {@code POST /crm/v3/objects/{objectType}/batch/read}. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchReadRequest(List<ObjectId> inputs, List<String> properties, String idProperty) {}
