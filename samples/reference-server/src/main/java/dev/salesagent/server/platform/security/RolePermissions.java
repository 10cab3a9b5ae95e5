package dev.salesagent.server.platform.security;

import static dev.salesagent.server.platform.security.Permission.AGENTS_READ;
import static dev.salesagent.server.platform.security.Permission.AGENTS_RUN;
import static dev.salesagent.server.platform.security.Permission.AUDIT_READ;
import static dev.salesagent.server.platform.security.Permission.GDPR_MANAGE;
import static dev.salesagent.server.platform.security.Permission.PROFILE_READ;
import static dev.salesagent.server.platform.security.Permission.PROFILE_WRITE;
import static dev.salesagent.server.platform.security.Permission.SECRETS_MANAGE;
import static dev.salesagent.server.platform.security.Permission.SIGNING_KEYS_ROTATE;
import static dev.salesagent.server.platform.security.Permission.TENANTS_MANAGE;
import static dev.salesagent.server.platform.security.Permission.TENANT_READ;
import static dev.salesagent.server.platform.security.Permission.TENANT_WRITE;
import static dev.salesagent.server.platform.security.Permission.USERS_READ;
import static dev.salesagent.server.platform.security.Permission.USERS_WRITE;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * THE permission table: role -> allowed actions. Nothing else grants a permission; the README prints this table
 * ({@link #markdownTable()}, checked by a test) and the role x endpoint test walks it.
 */
public final class RolePermissions {

    private static final Map<Role, Set<Permission>> TABLE = Map.of(
            Role.OWNER, Set.of(PROFILE_READ, PROFILE_WRITE, TENANT_READ, TENANT_WRITE, USERS_READ, USERS_WRITE, SECRETS_MANAGE,
                    GDPR_MANAGE, AUDIT_READ, AGENTS_READ, AGENTS_RUN),
            Role.ADMIN, Set.of(PROFILE_READ, PROFILE_WRITE, TENANT_READ, TENANT_WRITE, USERS_READ, USERS_WRITE, SECRETS_MANAGE,
                    GDPR_MANAGE, AUDIT_READ, AGENTS_READ, AGENTS_RUN),
            Role.SALES_EXEC, Set.of(PROFILE_READ, PROFILE_WRITE, TENANT_READ, USERS_READ, AGENTS_READ, AGENTS_RUN),
            Role.SALES_MANAGER, Set.of(PROFILE_READ, PROFILE_WRITE, TENANT_READ, USERS_READ, AGENTS_READ, AGENTS_RUN),
            Role.SALES_REP, Set.of(PROFILE_READ, PROFILE_WRITE, TENANT_READ, AGENTS_READ, AGENTS_RUN),
            Role.FINANCE_VIEWER, Set.of(PROFILE_READ, PROFILE_WRITE, TENANT_READ, AGENTS_READ),
            Role.PLATFORM_ADMIN, Set.of(PROFILE_READ, PROFILE_WRITE, TENANT_READ, TENANTS_MANAGE, SIGNING_KEYS_ROTATE));

    private RolePermissions() {
    }

    /** The actions one role allows (unmodifiable). */
    public static Set<Permission> of(Role role) {
        return TABLE.get(role);
    }

    /** The union of the roles' actions. */
    public static Set<Permission> union(Collection<Role> roles) {
        return roles.stream().flatMap(r -> TABLE.get(r).stream())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Permission.class)));
    }

    /** Whether a role allows an action. */
    public static boolean allows(Role role, Permission permission) {
        return TABLE.get(role).contains(permission);
    }

    /** The table as Markdown: one row per action, one column per role, {@code ✓} where allowed. */
    public static String markdownTable() {
        StringBuilder md = new StringBuilder("| action | what |");
        for (Role role : Role.values()) {
            md.append(" `").append(role.id()).append("` |");
        }
        md.append("\n|---|---|");
        md.append("---|".repeat(Role.values().length)).append('\n');
        for (Permission p : Permission.values()) {
            md.append("| `").append(p.action()).append("` | ").append(p.description()).append(" |");
            for (Role role : Role.values()) {
                md.append(allows(role, p) ? " ✓ |" : "   |");
            }
            md.append('\n');
        }
        return md.toString();
    }
}
