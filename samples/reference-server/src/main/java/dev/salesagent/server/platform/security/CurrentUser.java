package dev.salesagent.server.platform.security;

import java.util.Set;
import java.util.UUID;

/**
 * The signed-in user of a request, loaded from the database on every request (so a role change, a disabled user or a
 * suspended tenant takes effect at once, not when the token expires).
 *
 * @param id user id
 * @param tenantId tenant id
 * @param tenantSlug tenant slug
 * @param tenantSuspended whether the tenant is suspended (every call then gets 403)
 * @param email e-mail address
 * @param roles the user's roles
 * @param permissions the union of the roles' permissions
 * @param territory the user's territory (data scope of managers), may be null
 */
public record CurrentUser(UUID id, UUID tenantId, String tenantSlug, boolean tenantSuspended, String email,
                          Set<Role> roles, Set<Permission> permissions, String territory) {

    /** Whether the user may perform an action. */
    public boolean can(Permission permission) {
        return permissions.contains(permission);
    }

    /** The widest data scope of the user's roles. */
    public Role.DataScope dataScope() {
        return roles.stream().map(Role::scope).max(Enum::compareTo).orElse(Role.DataScope.OWN);
    }
}
