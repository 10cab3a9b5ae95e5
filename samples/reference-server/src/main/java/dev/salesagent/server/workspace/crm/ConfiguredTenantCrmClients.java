package dev.salesagent.server.workspace.crm;

import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmClients;
import dev.salesagent.crm.spi.CrmConfig;
import dev.salesagent.server.platform.crm.InMemoryTenantCrmClients;
import dev.salesagent.server.platform.crm.TenantCrmClients;
import dev.salesagent.server.platform.secret.TenantSecrets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each tenant's configured CRM ({@code PUT /api/v1/integrations/crm}, stored encrypted), created on first use and
 * kept until the connection changes; tenants without one (or with provider {@code memory}) get their in-memory CRM.
 * Replaces {@link InMemoryTenantCrmClients} as the {@link TenantCrmClients} every feature uses.
 */
@Primary
@Component
public class ConfiguredTenantCrmClients implements TenantCrmClients {

    private final InMemoryTenantCrmClients memory;
    private final TenantSecrets secrets;
    private final JsonMapper json;
    private final Map<UUID, CrmClient> clients = new ConcurrentHashMap<>();

    ConfiguredTenantCrmClients(InMemoryTenantCrmClients memory, TenantSecrets secrets, JsonMapper json) {
        this.memory = memory;
        this.secrets = secrets;
        this.json = json;
    }

    @Override
    public CrmClient forTenant(UUID tenantId) {
        return clients.computeIfAbsent(tenantId, this::create);
    }

    private CrmClient create(UUID tenantId) {
        return secrets.get(tenantId, CrmConnections.SECRET)
                .map(s -> json.readValue(s, new TypeReference<CrmConnections.Connection>() { }))
                .filter(c -> !c.provider().equals("memory"))
                .map(c -> CrmClients.create(c.provider(), CrmConfig.of(c.config())))
                .orElseGet(() -> memory.memory(tenantId));
    }

    @Override
    public void evict(UUID tenantId) {
        CrmClient removed = clients.remove(tenantId);
        if (removed != null && removed != memory.memory(tenantId)) {
            removed.close();
        }
    }
}
