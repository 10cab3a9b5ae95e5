package dev.salesagent.server.platform.security;

import static dev.salesagent.server.platform.security.Permission.AGENT_RUNS_READ;
import static dev.salesagent.server.platform.security.Permission.AGENT_RUNS_WRITE;
import static dev.salesagent.server.platform.security.Permission.AGENTS_READ;
import static dev.salesagent.server.platform.security.Permission.AGENTS_RUN;
import static dev.salesagent.server.platform.security.Permission.API_KEYS_MANAGE;
import static dev.salesagent.server.platform.security.Permission.AUDIT_READ;
import static dev.salesagent.server.platform.security.Permission.BATTLECARDS_READ;
import static dev.salesagent.server.platform.security.Permission.BATTLECARDS_WRITE;
import static dev.salesagent.server.platform.security.Permission.BUDGETS_MANAGE;
import static dev.salesagent.server.platform.security.Permission.CATALOG_READ;
import static dev.salesagent.server.platform.security.Permission.CONVERSATIONS_READ;
import static dev.salesagent.server.platform.security.Permission.CONVERSATIONS_WRITE;
import static dev.salesagent.server.platform.security.Permission.COSTS_READ;
import static dev.salesagent.server.platform.security.Permission.DASHBOARD_READ;
import static dev.salesagent.server.platform.security.Permission.INSIGHTS_READ;
import static dev.salesagent.server.platform.security.Permission.INTEGRATIONS_MANAGE;
import static dev.salesagent.server.platform.security.Permission.LEADS_READ;
import static dev.salesagent.server.platform.security.Permission.LEADS_WRITE;
import static dev.salesagent.server.platform.security.Permission.ORDERS_READ;
import static dev.salesagent.server.platform.security.Permission.ORDERS_WRITE;
import static dev.salesagent.server.platform.security.Permission.QUERY_ASK;
import static dev.salesagent.server.platform.security.Permission.TRANSACTIONS_APPROVE;
import static dev.salesagent.server.platform.security.Permission.TRANSACTIONS_WRITE;
import static dev.salesagent.server.platform.security.Permission.CONSENTS_READ;
import static dev.salesagent.server.platform.security.Permission.CONSENTS_WRITE;
import static dev.salesagent.server.platform.security.Permission.GDPR_MANAGE;
import static dev.salesagent.server.platform.security.Permission.MEMORY_READ;
import static dev.salesagent.server.platform.security.Permission.OUTREACH_READ;
import static dev.salesagent.server.platform.security.Permission.OUTREACH_WRITE;
import static dev.salesagent.server.platform.security.Permission.PROFILE_READ;
import static dev.salesagent.server.platform.security.Permission.PROFILE_WRITE;
import static dev.salesagent.server.platform.security.Permission.PROPOSALS_READ;
import static dev.salesagent.server.platform.security.Permission.PROPOSALS_WRITE;
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

    // sales workspace: sales roles work leads and runs (within their data scope); finance reads them (costs);
    // owners and admins also connect the CRM
    private static final Set<Permission> WORKSPACE = Set.of(LEADS_READ, LEADS_WRITE, AGENT_RUNS_READ, AGENT_RUNS_WRITE);

    /** Workspace content every sales role reads and generates (proposals, battle cards, conversations, outreach). */
    private static final Set<Permission> CONTENT = Set.of(PROPOSALS_READ, PROPOSALS_WRITE, BATTLECARDS_READ,
            BATTLECARDS_WRITE, CONVERSATIONS_READ, CONVERSATIONS_WRITE, OUTREACH_READ, OUTREACH_WRITE, MEMORY_READ);

    /** The sales workspace and its content together: what every sales role works with. */
    private static final Set<Permission> SALES_WORK = with(WORKSPACE, CONTENT.toArray(Permission[]::new));

    private static final Map<Role, Set<Permission>> TABLE = Map.of(
            Role.OWNER, with(SALES_WORK, AGENTS_READ, AGENTS_RUN, CONSENTS_READ, CONSENTS_WRITE, PROFILE_READ, PROFILE_WRITE, TENANT_READ, TENANT_WRITE, USERS_READ,
                    USERS_WRITE, SECRETS_MANAGE, GDPR_MANAGE, AUDIT_READ, INTEGRATIONS_MANAGE, COSTS_READ, BUDGETS_MANAGE,
                    API_KEYS_MANAGE,
                    // command center
                    DASHBOARD_READ, ORDERS_READ, ORDERS_WRITE, CATALOG_READ, QUERY_ASK, INSIGHTS_READ, TRANSACTIONS_WRITE,
                    TRANSACTIONS_APPROVE),
            Role.ADMIN, with(SALES_WORK, AGENTS_READ, AGENTS_RUN, CONSENTS_READ, CONSENTS_WRITE, PROFILE_READ, PROFILE_WRITE, TENANT_READ, TENANT_WRITE, USERS_READ,
                    USERS_WRITE, SECRETS_MANAGE, GDPR_MANAGE, AUDIT_READ, INTEGRATIONS_MANAGE, COSTS_READ, BUDGETS_MANAGE,
                    API_KEYS_MANAGE,
                    // command center
                    DASHBOARD_READ, ORDERS_READ, ORDERS_WRITE, CATALOG_READ, QUERY_ASK, INSIGHTS_READ, TRANSACTIONS_WRITE,
                    TRANSACTIONS_APPROVE),
            Role.SALES_EXEC, with(SALES_WORK, AGENTS_READ, AGENTS_RUN, CONSENTS_READ, CONSENTS_WRITE, PROFILE_READ, PROFILE_WRITE, TENANT_READ, USERS_READ, COSTS_READ,
                    // command center
                    DASHBOARD_READ, ORDERS_READ, ORDERS_WRITE, CATALOG_READ, QUERY_ASK, INSIGHTS_READ, TRANSACTIONS_WRITE,
                    TRANSACTIONS_APPROVE),
            Role.SALES_MANAGER, with(SALES_WORK, AGENTS_READ, AGENTS_RUN, CONSENTS_READ, CONSENTS_WRITE, PROFILE_READ, PROFILE_WRITE, TENANT_READ, USERS_READ,
                    // command center (territory scope: no tenant-wide questions or insights)
                    DASHBOARD_READ, ORDERS_READ, ORDERS_WRITE, CATALOG_READ, TRANSACTIONS_WRITE, TRANSACTIONS_APPROVE),
            Role.SALES_REP, with(SALES_WORK, AGENTS_READ, AGENTS_RUN, CONSENTS_READ, CONSENTS_WRITE, PROFILE_READ, PROFILE_WRITE, TENANT_READ,
                    // command center (own scope; drafts, but no approval)
                    DASHBOARD_READ, ORDERS_READ, ORDERS_WRITE, CATALOG_READ, TRANSACTIONS_WRITE),
            Role.FINANCE_VIEWER, Set.of(AGENTS_READ, CONSENTS_READ, PROFILE_READ, PROFILE_WRITE, TENANT_READ, LEADS_READ, AGENT_RUNS_READ, COSTS_READ,
                    // command center (read-only)
                    DASHBOARD_READ, ORDERS_READ, CATALOG_READ, QUERY_ASK, INSIGHTS_READ),
            Role.PLATFORM_ADMIN, Set.of(PROFILE_READ, PROFILE_WRITE, TENANT_READ, TENANTS_MANAGE, SIGNING_KEYS_ROTATE));

    private static Set<Permission> with(Set<Permission> base, Permission... more) {
        EnumSet<Permission> all = EnumSet.copyOf(base);
        all.addAll(java.util.List.of(more));
        return java.util.Collections.unmodifiableSet(all);
    }

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
