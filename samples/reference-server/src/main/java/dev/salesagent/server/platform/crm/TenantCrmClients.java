package dev.salesagent.server.platform.crm;

import dev.salesagent.crm.CrmClient;
import java.util.UUID;

/**
 * The CRM of each tenant: the one seam through which every feature package (workspace, command center, agent platform)
 * reaches a tenant's CRM, so that a tenant never sees another tenant's records.
 *
 * <p>The default implementation ({@link InMemoryTenantCrmClients}) gives every tenant its own in-memory CRM
 * ({@code memory} provider); the workspace's CRM connection ({@code PUT /api/v1/integrations/crm}) replaces it with the
 * tenant's configured provider.
 */
public interface TenantCrmClients {

    /**
     * The tenant's CRM client, created on first use and reused afterwards.
     *
     * @param tenantId the tenant
     * @return the client; never null
     */
    CrmClient forTenant(UUID tenantId);

    /**
     * Forgets the tenant's client (after its CRM connection changed), closing it; the next {@link #forTenant} creates a
     * new one.
     *
     * @param tenantId the tenant
     */
    void evict(UUID tenantId);
}
