package dev.salesagent.server.platform.crm;

import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.memory.InMemoryCrmClient;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * One {@link InMemoryCrmClient} per tenant, kept for the life of the process (the {@code memory} provider keeps nothing
 * on disk). The workspace's CRM
 * connection replaces this bean with one that uses each tenant's configured provider, falling back to memory.
 */
@Component
public class InMemoryTenantCrmClients implements TenantCrmClients {

    private final ConcurrentMap<UUID, InMemoryCrmClient> clients = new ConcurrentHashMap<>();

    @Override
    public CrmClient forTenant(UUID tenantId) {
        return memory(tenantId);
    }

    /**
     * The tenant's in-memory CRM as its concrete type, for seeding demo data.
     *
     * @param tenantId the tenant
     * @return the tenant's in-memory CRM, created on first use
     */
    public InMemoryCrmClient memory(UUID tenantId) {
        return clients.computeIfAbsent(tenantId, id -> InMemoryCrmClient.create());
    }

    @Override
    public void evict(UUID tenantId) {
        InMemoryCrmClient removed = clients.remove(tenantId);
        if (removed != null) {
            removed.close();
        }
    }
}
