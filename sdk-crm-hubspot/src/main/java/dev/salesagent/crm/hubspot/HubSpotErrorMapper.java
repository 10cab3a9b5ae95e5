package dev.salesagent.crm.hubspot;

import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.http.CrmResponse;
import dev.salesagent.crm.http.VendorErrorMapper;
import dev.salesagent.crm.hubspot.internal.client.HubSpotErrors;

/** Plugs {@link HubSpotErrors} into the shared HTTP client. */
final class HubSpotErrorMapper implements VendorErrorMapper {

    private final HubSpotErrors errors;

    HubSpotErrorMapper(HubSpotErrors errors) {
        this.errors = errors;
    }

    @Override
    public CrmException map(CrmResponse response) {
        return errors.map(response.status(), name -> response.header(name).orElse(null), response.bodyString());
    }
}
