package dev.salesagent.server.platform.security;

import static dev.salesagent.server.platform.security.Permission.AUDIT_READ;
import static dev.salesagent.server.platform.security.Permission.CONSENTS_READ;
import static dev.salesagent.server.platform.security.Permission.CONSENTS_WRITE;
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
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * THE permission table: role -> allowed actions. Nothing else grants a permission; the README prints this table
 * ({@link #markdownTable()}, checked by a test) and the role x endpoint test walks it.
 */
public final class RolePermissions {

    private static final Map<Role, Set<Permission>> BASE = Map.of(
            Role.OWNER, Set.of(PROFILE_READ, PROFILE_WRITE, TENANT_READ, TENANT_WRITE, USERS_READ, USERS_WRITE, SECRETS_MANAGE,
                    GDPR_MANAGE, AUDIT_READ),
            Role.ADMIN, Set.of(PROFILE_READ, PROFILE_WRITE, TENANT_READ, TENANT_WRITE, USERS_READ, USERS_WRITE, SECRETS_MANAGE,
                    GDPR_MANAGE, AUDIT_READ),
            Role.SALES_EXEC, Set.of(PROFILE_READ, PROFILE_WRITE, TENANT_READ, USERS_READ),
            Role.SALES_MANAGER, Set.of(PROFILE_READ, PROFILE_WRITE, TENANT_READ, USERS_READ),
            Role.SALES_REP, Set.of(PROFILE_READ, PROFILE_WRITE, TENANT_READ),
            Role.FINANCE_VIEWER, Set.of(PROFILE_READ, PROFILE_WRITE, TENANT_READ),
            Role.PLATFORM_ADMIN, Set.of(PROFILE_READ, PROFILE_WRITE, TENANT_READ, TENANTS_MANAGE, SIGNING_KEYS_ROTATE));

    /** Feature grants, one block per feature, added to {@link #BASE}. */
    private static final Map<Role, Set<Permission>> FEATURES = Map.of(
            // consent: every tenant role reads consent before contacting someone; all but finance record it
            Role.OWNER, Set.of(CONSENTS_READ, CONSENTS_WRITE),
            Role.ADMIN, Set.of(CONSENTS_READ, CONSENTS_WRITE),
            Role.SALES_EXEC, Set.of(CONSENTS_READ, CONSENTS_WRITE),
            Role.SALES_MANAGER, Set.of(CONSENTS_READ, CONSENTS_WRITE),
            Role.SALES_REP, Set.of(CONSENTS_READ, CONSENTS_WRITE),
            Role.FINANCE_VIEWER, Set.of(CONSENTS_READ));

    private static final Map<Role, Set<Permission>> TABLE = merge(BASE, FEATURES);

    private RolePermissions() {
    }

    private static Map<Role, Set<Permission>> merge(Map<Role, Set<Permission>> base, Map<Role, Set<Permission>> more) {
        Map<Role, Set<Permission>> out = new EnumMap<>(Role.class);
        base.forEach((role, set) -> out.put(role, EnumSet.copyOf(set)));
        more.forEach((role, set) -> out.get(role).addAll(set));
        out.replaceAll((role, set) -> Collections.unmodifiableSet(set));
        return Collections.unmodifiableMap(out);
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
