package dev.salesagent.server.platform.user;

import dev.salesagent.server.platform.security.Role;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A user of one tenant. The password hash is never part of this record.
 *
 * @param id user id
 * @param tenantId tenant id
 * @param email e-mail address (unique across the platform: log-in is by e-mail alone)
 * @param displayName display name, may be null
 * @param roles roles
 * @param status {@code active} or {@code disabled}
 * @param territory territory (data scope of a manager), may be null
 * @param createdAt creation time
 * @param updatedAt last change
 */
public record User(UUID id, UUID tenantId, String email, String displayName, Set<Role> roles, String status,
                   String territory, Instant createdAt, Instant updatedAt) {

    /** Status of a user who can sign in. */
    public static final String ACTIVE = "active";
    /** Status of a user who cannot sign in. */
    public static final String DISABLED = "disabled";
}
