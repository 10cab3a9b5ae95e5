package dev.salesagent.server.platform.security;

import java.util.Arrays;
import java.util.Optional;

/**
 * The actions a role can be allowed. Each endpoint requires exactly one of them; {@link RolePermissions} is the one
 * table that grants them. Feature packages add their actions here (one line each) and grant them in that table.
 */
public enum Permission {
    /** Read one's own profile ({@code GET /api/v1/me}). */
    PROFILE_READ("profile:read", "read own profile"),
    /** Manage one's own sign-in factors (TOTP). */
    PROFILE_WRITE("profile:write", "manage own sign-in factors (TOTP)"),
    /** Read the own tenant's settings. */
    TENANT_READ("tenant:read", "read the tenant's settings"),
    /** Change the own tenant's settings. */
    TENANT_WRITE("tenant:write", "change the tenant's settings"),
    /** List and read the tenant's users. */
    USERS_READ("users:read", "list and read users"),
    /** Create, change, disable and delete the tenant's users. */
    USERS_WRITE("users:write", "create, change and delete users"),
    /** List, store and delete the tenant's secrets (values are write-only). */
    SECRETS_MANAGE("secrets:manage", "store, list (names only) and delete the tenant's secrets"),
    /** Export and erase a person's data (GDPR data subject requests). */
    GDPR_MANAGE("gdpr:manage", "export and erase a person's data (GDPR)"),
    /** Read and verify the tenant's audit trail. */
    AUDIT_READ("audit:read", "read and verify the audit trail"),
    /** Create, list, suspend and reactivate tenants (platform operators only). */
    TENANTS_MANAGE("tenants:manage", "create, list, suspend and reactivate tenants"),
    /** Rotate the token signing key (platform operators only). */
    SIGNING_KEYS_ROTATE("signing-keys:rotate", "rotate the token signing key"),
    // agentplatform
    /** List assistants and read the tenant's LangGraph threads, state, history and runs. */
    AGENTS_READ("agents:read", "list assistants; read agent threads, state, history and runs"),
    /** Create, update and delete the tenant's LangGraph threads; create, cancel and delete runs. */
    AGENTS_RUN("agents:run", "create threads, run assistants, update state, cancel runs");

    private final String action;
    private final String description;

    Permission(String action, String description) {
        this.action = action;
        this.description = description;
    }

    /** The action name, {@code resource:verb}, as it appears in tokens, {@code /me} and the docs. */
    public String action() {
        return action;
    }

    /** One line for the docs. */
    public String description() {
        return description;
    }

    /** The permission with this action name, if any. */
    public static Optional<Permission> ofAction(String action) {
        return Arrays.stream(values()).filter(p -> p.action.equals(action)).findFirst();
    }
}
