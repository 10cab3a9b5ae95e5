package dev.salesagent.server.command.readmodel;

import dev.salesagent.server.platform.security.CurrentUser;
import dev.salesagent.server.platform.security.Role;
import java.util.List;
import java.util.UUID;

/**
 * The slice of the read model a user sees ({@link Role.DataScope}): {@code TENANT} everything; {@code TERRITORY} the
 * orders and customers of the user's territory (order/customer {@code region}, case-insensitive) plus the orders the
 * user created; {@code OWN} the orders the user created through the server (CRM orders carry no server user).
 *
 * @param scope     the widest scope of the user's roles
 * @param userId    the user
 * @param territory the user's territory, may be null (then a territory user sees only own orders)
 */
public record DataScopeFilter(Role.DataScope scope, UUID userId, String territory) {

    /** Everything of the tenant (background work, tenant-wide roles). */
    public static DataScopeFilter tenant() {
        return new DataScopeFilter(Role.DataScope.TENANT, null, null);
    }

    /** The signed-in user's scope. */
    public static DataScopeFilter of(CurrentUser user) {
        return new DataScopeFilter(user.dataScope(), user.id(), user.territory());
    }

    /** A key for caches: equal for users who see the same rows. */
    public String cacheKey() {
        return switch (scope) {
            case TENANT -> "tenant";
            case TERRITORY -> "territory:" + (territory == null ? "" : territory.toLowerCase()) + ":" + userId;
            case OWN -> "own:" + userId;
        };
    }

    /** SQL condition on an order row aliased {@code o}; its parameters are {@link #orderParams()}. */
    String orderSql() {
        return switch (scope) {
            case TENANT -> "true";
            case TERRITORY -> "(lower(o.region) = lower(?) or o.owner_id = ?)";
            case OWN -> "o.owner_id = ?";
        };
    }

    List<Object> orderParams() {
        return switch (scope) {
            case TENANT -> List.of();
            case TERRITORY -> List.of(territory == null ? "\u0000" : territory, userId);
            case OWN -> List.of(userId);
        };
    }

    /** SQL condition on a customer row aliased {@code c}; its parameters are {@link #customerParams()}. */
    String customerSql() {
        return switch (scope) {
            case TENANT -> "true";
            case TERRITORY -> "(lower(c.region) = lower(?) or exists (select 1 from cmd_order o where o.tenant_id = "
                    + "c.tenant_id and o.customer_id = c.id and o.owner_id = ?))";
            case OWN -> "exists (select 1 from cmd_order o where o.tenant_id = c.tenant_id and o.customer_id = c.id"
                    + " and o.owner_id = ?)";
        };
    }

    List<Object> customerParams() {
        return orderParams();
    }
}
