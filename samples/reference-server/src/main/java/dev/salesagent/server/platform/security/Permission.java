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
    // consent (GDPR consent flags on contacts)
    /** Read a contact's consent flags and their history. */
    CONSENTS_READ("consents:read", "read a contact's consent flags (GDPR)"),
    /** Record a contact's consent given or withdrawn. */
    CONSENTS_WRITE("consents:write", "record a contact's consent given or withdrawn (GDPR)"),
    /** Read and verify the tenant's audit trail. */
    AUDIT_READ("audit:read", "read and verify the audit trail"),
    /** Create, list, suspend and reactivate tenants (platform operators only). */
    TENANTS_MANAGE("tenants:manage", "create, list, suspend and reactivate tenants"),
    /** Rotate the token signing key (platform operators only). */
    SIGNING_KEYS_ROTATE("signing-keys:rotate", "rotate the token signing key"),
    // sales workspace (issue 16): leads, imports, agent runs, CRM connection
    /** List and read leads (within the data scope) and lead imports. */
    LEADS_READ("leads:read", "list and read leads and lead imports"),
    /** Create, change, delete, import and score leads. */
    LEADS_WRITE("leads:write", "create, change, delete, import and score leads"),
    /** List and read agent runs, their steps, tokens and cost, and follow their events. */
    AGENT_RUNS_READ("agent-runs:read", "list and read agent runs (steps, tokens, cost, events)"),
    /** Start, cancel and resume agent runs. */
    AGENT_RUNS_WRITE("agent-runs:write", "start, cancel and resume agent runs"),
    /** Configure and test the tenant's CRM connection. */
    INTEGRATIONS_MANAGE("integrations:manage", "configure and test the tenant's CRM connection"),

    // workspace content: costs and budgets, proposals, battle cards, conversations, outreach, memory
    /** Read the tenant's AI costs and budgets. */
    COSTS_READ("costs:read", "read AI costs and budgets"),
    /** Set the tenant's budgets and alert webhook. */
    BUDGETS_MANAGE("budgets:manage", "set budgets, alert thresholds and the alert webhook"),
    /** List, read and download proposals. */
    PROPOSALS_READ("proposals:read", "list, read and download proposals"),
    /** Generate, regenerate and edit proposals. */
    PROPOSALS_WRITE("proposals:write", "generate and edit proposals"),
    /** List and read battle cards. */
    BATTLECARDS_READ("battlecards:read", "list and read battle cards"),
    /** Generate and edit battle cards. */
    BATTLECARDS_WRITE("battlecards:write", "generate and edit battle cards"),
    /** List and read analysed conversations. */
    CONVERSATIONS_READ("conversations:read", "list and read conversation analyses"),
    /** Analyse conversations. */
    CONVERSATIONS_WRITE("conversations:write", "analyse conversations"),
    /** List and read outreach drafts. */
    OUTREACH_READ("outreach:read", "list and read outreach drafts"),
    /** Draft, edit, approve and send outreach e-mails. */
    OUTREACH_WRITE("outreach:write", "draft, edit, approve and send outreach e-mails"),
    // command center (issue 17)
    /** Read the dashboard metrics and pipeline (within the role's data scope). */
    DASHBOARD_READ("dashboard:read", "read dashboard metrics and pipeline (data scope applies)"),
    /** List and read orders (within the role's data scope). */
    ORDERS_READ("orders:read", "list and read orders (data scope applies)"),
    /** Create orders in the tenant's CRM. */
    ORDERS_WRITE("orders:write", "create orders in the tenant's CRM"),
    /** List customers and products. */
    CATALOG_READ("catalog:read", "list customers (data scope applies) and products"),
    /** Ask the command center questions over the whole tenant's data, and read one's history. */
    QUERY_ASK("query:ask", "ask the command center (answers cover the whole tenant)"),
    /** Read the tenant's insights (anomalies, summary, stalled deals). */
    INSIGHTS_READ("insights:read", "read insights over the whole tenant"),
    /** Create, read, edit and reject sales-order drafts. */
    TRANSACTIONS_WRITE("transactions:write", "create, read, edit and reject sales-order drafts"),
    /** Approve sales-order drafts (which submits them to the CRM). */
    TRANSACTIONS_APPROVE("transactions:approve", "approve sales-order drafts (submits them)"),
    /** Read what the agents remember about accounts. */
    MEMORY_READ("memory:read", "read what the agents remember about accounts"),
    // agentplatform
    /** List assistants and read the tenant's LangGraph threads, state, history and runs. */
    AGENTS_READ("agents:read", "list assistants; read agent threads, state, history and runs"),
    /** Create, update and delete the tenant's LangGraph threads; create, cancel and delete runs. */
    AGENTS_RUN("agents:run", "create threads, run assistants, update state, cancel runs"),
    /** Create, list and revoke the tenant's agent platform API keys ({@code x-api-key}). */
    API_KEYS_MANAGE("api-keys:manage", "create, list and revoke the tenant's agent platform API keys");

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
