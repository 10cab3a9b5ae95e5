package dev.salesagent.server.platform;

import dev.salesagent.server.platform.security.Permission;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.http.HttpMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint of the server with the permission it requires (null for public ones). The role and isolation tests
 * walk this table, and {@link #mapped} checks it against the application's real mappings so that an endpoint added
 * later without a row here fails the build.
 */
final class Endpoints {

    /** One endpoint; {@code {id}} in the path is replaced by the walk. */
    record Endpoint(HttpMethod method, String path, Permission permission, String body) {
        String key() {
            int query = path.indexOf('?');
            return method.name() + " " + (query < 0 ? path : path.substring(0, query));
        }
    }

    static final List<Endpoint> ALL = List.of(
            new Endpoint(HttpMethod.POST, "/api/v1/auth/token", null, null),
            new Endpoint(HttpMethod.POST, "/api/v1/auth/refresh", null, null),
            new Endpoint(HttpMethod.POST, "/api/v1/auth/logout", null, null),
            new Endpoint(HttpMethod.POST, "/api/v1/auth/register", null, null),
            new Endpoint(HttpMethod.GET, "/.well-known/jwks.json", null, null),
            new Endpoint(HttpMethod.GET, "/api/v1/me", Permission.PROFILE_READ, null),
            new Endpoint(HttpMethod.POST, "/api/v1/me/totp", Permission.PROFILE_WRITE, null),
            new Endpoint(HttpMethod.POST, "/api/v1/me/totp/confirm", Permission.PROFILE_WRITE, "{\"code\":\"000000\"}"),
            new Endpoint(HttpMethod.POST, "/api/v1/me/totp/disable", Permission.PROFILE_WRITE, "{\"code\":\"000000\"}"),
            new Endpoint(HttpMethod.GET, "/api/v1/tenant", Permission.TENANT_READ, null),
            new Endpoint(HttpMethod.PATCH, "/api/v1/tenant", Permission.TENANT_WRITE, "{\"name\":\"Renamed\"}"),
            new Endpoint(HttpMethod.GET, "/api/v1/users", Permission.USERS_READ, null),
            new Endpoint(HttpMethod.POST, "/api/v1/users", Permission.USERS_WRITE,
                    "{\"email\":\"%EMAIL%\",\"roles\":[\"sales_rep\"],\"password\":\"correct-horse-battery\"}"),
            new Endpoint(HttpMethod.GET, "/api/v1/users/{id}", Permission.USERS_READ, null),
            new Endpoint(HttpMethod.PATCH, "/api/v1/users/{id}", Permission.USERS_WRITE, "{\"display_name\":\"Changed\"}"),
            new Endpoint(HttpMethod.DELETE, "/api/v1/users/{id}", Permission.USERS_WRITE, null),
            new Endpoint(HttpMethod.GET, "/api/v1/tenant/secrets", Permission.SECRETS_MANAGE, null),
            new Endpoint(HttpMethod.PUT, "/api/v1/tenant/secrets/{name}", Permission.SECRETS_MANAGE,
                    "{\"value\":\"s3cr3t-value\"}"),
            new Endpoint(HttpMethod.DELETE, "/api/v1/tenant/secrets/{name}", Permission.SECRETS_MANAGE, null),
            new Endpoint(HttpMethod.GET, "/api/v1/admin/gdpr/export?email=nobody@example.com", Permission.GDPR_MANAGE,
                    null),
            new Endpoint(HttpMethod.POST, "/api/v1/admin/gdpr/erase", Permission.GDPR_MANAGE,
                    "{\"email\":\"nobody@example.com\"}"),
            new Endpoint(HttpMethod.GET, "/api/v1/admin/gdpr/requests", Permission.GDPR_MANAGE, null),
            // consent
            new Endpoint(HttpMethod.GET, "/api/v1/consents/{email}", Permission.CONSENTS_READ, null),
            new Endpoint(HttpMethod.PUT, "/api/v1/consents/{email}", Permission.CONSENTS_WRITE,
                    "{\"purposes\":{\"email_marketing\":true},\"source\":\"walk\"}"),
            new Endpoint(HttpMethod.GET, "/api/v1/admin/audit", Permission.AUDIT_READ, null),
            new Endpoint(HttpMethod.GET, "/api/v1/admin/audit/verify", Permission.AUDIT_READ, null),
            new Endpoint(HttpMethod.GET, "/api/v1/platform/tenants", Permission.TENANTS_MANAGE, null),
            new Endpoint(HttpMethod.POST, "/api/v1/platform/tenants", Permission.TENANTS_MANAGE,
                    "{\"name\":\"Made By Walk\",\"owner_email\":\"%EMAIL%\"}"),
            new Endpoint(HttpMethod.GET, "/api/v1/platform/tenants/{id}", Permission.TENANTS_MANAGE, null),
            new Endpoint(HttpMethod.POST, "/api/v1/platform/tenants/{id}/suspend", Permission.TENANTS_MANAGE, null),
            new Endpoint(HttpMethod.POST, "/api/v1/platform/tenants/{id}/activate", Permission.TENANTS_MANAGE, null),
            // agent platform licensing (issue 19)
            new Endpoint(HttpMethod.GET, "/api/v1/platform/tenants/{id}/agent-license", Permission.TENANTS_MANAGE, null),
            new Endpoint(HttpMethod.PUT, "/api/v1/platform/tenants/{id}/agent-license", Permission.TENANTS_MANAGE,
                    "{\"runs_per_month\":1000}"),
            new Endpoint(HttpMethod.GET, "/api/v1/tenant/agent-license", Permission.AGENTS_READ, null),
            new Endpoint(HttpMethod.POST, "/api/v1/tenant/api-keys", Permission.API_KEYS_MANAGE, "{\"name\":\"walk\"}"),
            new Endpoint(HttpMethod.GET, "/api/v1/tenant/api-keys", Permission.API_KEYS_MANAGE, null),
            new Endpoint(HttpMethod.DELETE, "/api/v1/tenant/api-keys/{id}", Permission.API_KEYS_MANAGE, null),
            new Endpoint(HttpMethod.POST, "/api/v1/platform/signing-keys/rotate", Permission.SIGNING_KEYS_ROTATE, null),
            // sales workspace (issue 16)
            new Endpoint(HttpMethod.GET, "/api/v1/leads", Permission.LEADS_READ, null),
            new Endpoint(HttpMethod.POST, "/api/v1/leads", Permission.LEADS_WRITE, "{\"email\":\"%EMAIL%\"}"),
            new Endpoint(HttpMethod.GET, "/api/v1/leads/{id}", Permission.LEADS_READ, null),
            new Endpoint(HttpMethod.PATCH, "/api/v1/leads/{id}", Permission.LEADS_WRITE, "{\"status\":\"working\"}"),
            new Endpoint(HttpMethod.DELETE, "/api/v1/leads/{id}", Permission.LEADS_WRITE, null),
            new Endpoint(HttpMethod.POST, "/api/v1/leads/{id}/score", Permission.LEADS_WRITE, null),
            new Endpoint(HttpMethod.POST, "/api/v1/leads/import", Permission.LEADS_WRITE, null),
            new Endpoint(HttpMethod.GET, "/api/v1/leads/imports/{id}", Permission.LEADS_READ, null),
            new Endpoint(HttpMethod.POST, "/api/v1/agent-runs", Permission.AGENT_RUNS_WRITE,
                    "{\"type\":\"research\",\"lead_ids\":[]}"),
            new Endpoint(HttpMethod.GET, "/api/v1/agent-runs", Permission.AGENT_RUNS_READ, null),
            new Endpoint(HttpMethod.GET, "/api/v1/agent-runs/{id}", Permission.AGENT_RUNS_READ, null),
            new Endpoint(HttpMethod.GET, "/api/v1/agent-runs/{id}/events", Permission.AGENT_RUNS_READ, null),
            new Endpoint(HttpMethod.POST, "/api/v1/agent-runs/{id}/cancel", Permission.AGENT_RUNS_WRITE, null),
            new Endpoint(HttpMethod.POST, "/api/v1/agent-runs/{id}/resume", Permission.AGENT_RUNS_WRITE,
                    "{\"approve\":true}"),
            // workspace content: costs and budgets, proposals, battle cards, conversations
            new Endpoint(HttpMethod.GET, "/api/v1/costs?groupBy=model", Permission.COSTS_READ, null),
            new Endpoint(HttpMethod.GET, "/api/v1/budgets", Permission.COSTS_READ, null),
            new Endpoint(HttpMethod.PUT, "/api/v1/budgets", Permission.BUDGETS_MANAGE,
                    "{\"budgets\":[{\"period\":\"monthly\",\"limit_usd\":\"500\",\"alert_thresholds\":[80]}]}"),
            new Endpoint(HttpMethod.POST, "/api/v1/proposals/generate", Permission.PROPOSALS_WRITE, ContentBodies.PROPOSAL),
            new Endpoint(HttpMethod.GET, "/api/v1/proposals", Permission.PROPOSALS_READ, null),
            new Endpoint(HttpMethod.GET, "/api/v1/proposals/{id}", Permission.PROPOSALS_READ, null),
            new Endpoint(HttpMethod.GET, "/api/v1/proposals/{id}/versions", Permission.PROPOSALS_READ, null),
            new Endpoint(HttpMethod.POST, "/api/v1/proposals/{id}/regenerate", Permission.PROPOSALS_WRITE, null),
            new Endpoint(HttpMethod.PATCH, "/api/v1/proposals/{id}", Permission.PROPOSALS_WRITE,
                    "{\"markdown\":\"# Edited\"}"),
            new Endpoint(HttpMethod.GET, "/api/v1/proposals/{id}/markdown", Permission.PROPOSALS_READ, null),
            new Endpoint(HttpMethod.GET, "/api/v1/proposals/{id}/pdf", Permission.PROPOSALS_READ, null),
            new Endpoint(HttpMethod.POST, "/api/v1/battlecards", Permission.BATTLECARDS_WRITE, ContentBodies.BATTLE_CARD),
            new Endpoint(HttpMethod.GET, "/api/v1/battlecards", Permission.BATTLECARDS_READ, null),
            new Endpoint(HttpMethod.GET, "/api/v1/battlecards/{id}", Permission.BATTLECARDS_READ, null),
            new Endpoint(HttpMethod.GET, "/api/v1/battlecards/{id}/versions", Permission.BATTLECARDS_READ, null),
            new Endpoint(HttpMethod.PATCH, "/api/v1/battlecards/{id}", Permission.BATTLECARDS_WRITE,
                    ContentBodies.BATTLE_CARD_EDIT),
            new Endpoint(HttpMethod.POST, "/api/v1/conversations/analyze", Permission.CONVERSATIONS_WRITE,
                    ContentBodies.CONVERSATION),
            new Endpoint(HttpMethod.GET, "/api/v1/conversations", Permission.CONVERSATIONS_READ, null),
            new Endpoint(HttpMethod.GET, "/api/v1/conversations/{id}", Permission.CONVERSATIONS_READ, null),
            new Endpoint(HttpMethod.POST, "/api/v1/outreach/drafts", Permission.OUTREACH_WRITE, ContentBodies.OUTREACH),
            new Endpoint(HttpMethod.GET, "/api/v1/outreach/drafts", Permission.OUTREACH_READ, null),
            new Endpoint(HttpMethod.GET, "/api/v1/outreach/drafts/{id}", Permission.OUTREACH_READ, null),
            new Endpoint(HttpMethod.PATCH, "/api/v1/outreach/drafts/{id}", Permission.OUTREACH_WRITE,
                    "{\"subject\":\"Edited subject\"}"),
            new Endpoint(HttpMethod.POST, "/api/v1/outreach/drafts/{id}/approve", Permission.OUTREACH_WRITE, null),
            new Endpoint(HttpMethod.GET, "/api/v1/outreach/drafts/{id}/follow-ups", Permission.OUTREACH_READ, null),
            new Endpoint(HttpMethod.DELETE, "/api/v1/outreach/drafts/{id}/follow-ups", Permission.OUTREACH_WRITE, null),
            new Endpoint(HttpMethod.GET, "/api/v1/integrations/crm", Permission.INTEGRATIONS_MANAGE, null),
            new Endpoint(HttpMethod.PUT, "/api/v1/integrations/crm", Permission.INTEGRATIONS_MANAGE,
                    "{\"provider\":\"memory\"}"),
            new Endpoint(HttpMethod.POST, "/api/v1/integrations/crm/test", Permission.INTEGRATIONS_MANAGE, null),
            new Endpoint(HttpMethod.GET, "/api/v1/memory/facts?account=acme-robotics.com", Permission.MEMORY_READ, null),
            // command center (issue 17)
            new Endpoint(HttpMethod.GET, "/api/v1/dashboard/overview", Permission.DASHBOARD_READ, null),
            new Endpoint(HttpMethod.GET, "/api/v1/dashboard/pipeline", Permission.DASHBOARD_READ, null),
            new Endpoint(HttpMethod.GET, "/api/v1/orders", Permission.ORDERS_READ, null),
            new Endpoint(HttpMethod.POST, "/api/v1/orders", Permission.ORDERS_WRITE,
                    "{\"customer_id\":\"no-such-account\",\"lines\":[{\"sku\":\"X\",\"quantity\":1,\"unit_price\":1}]}"),
            new Endpoint(HttpMethod.GET, "/api/v1/orders/{id}", Permission.ORDERS_READ, null),
            new Endpoint(HttpMethod.GET, "/api/v1/customers", Permission.CATALOG_READ, null),
            new Endpoint(HttpMethod.GET, "/api/v1/products", Permission.CATALOG_READ, null),
            new Endpoint(HttpMethod.POST, "/api/v1/query/ask", Permission.QUERY_ASK,
                    "{\"query\":\"How many orders did we receive this month?\"}"),
            new Endpoint(HttpMethod.GET, "/api/v1/query/history", Permission.QUERY_ASK, null),
            new Endpoint(HttpMethod.GET, "/api/v1/insights", Permission.INSIGHTS_READ, null),
            new Endpoint(HttpMethod.POST, "/api/v1/transactions/create", Permission.TRANSACTIONS_WRITE,
                    "{\"request\":\"Create a sales order for Nobody Ltd, 5 hats, $5 each\"}"),
            new Endpoint(HttpMethod.GET, "/api/v1/transactions/{id}", Permission.TRANSACTIONS_WRITE, null),
            new Endpoint(HttpMethod.PATCH, "/api/v1/transactions/{id}", Permission.TRANSACTIONS_WRITE,
                    "{\"memo\":\"changed\"}"),
            new Endpoint(HttpMethod.POST, "/api/v1/transactions/{id}/approve", Permission.TRANSACTIONS_APPROVE, null),
            new Endpoint(HttpMethod.POST, "/api/v1/transactions/{id}/reject", Permission.TRANSACTIONS_WRITE,
                    "{\"reason\":\"no\"}"),
            new Endpoint(HttpMethod.POST, "/webhooks/hubspot", null, null),
            new Endpoint(HttpMethod.POST, "/webhooks/salesforce", null, null),
            new Endpoint(HttpMethod.POST, "/webhooks/netsuite", null, null),
            // agentplatform (LangGraph Platform protocol; tenant isolation of its ids: AgentPlatformProtocolTest)
            new Endpoint(HttpMethod.POST, "/api/v1/langgraph/assistants/search", Permission.AGENTS_READ, "{}"),
            new Endpoint(HttpMethod.GET, "/api/v1/langgraph/assistants/{assistantId}", Permission.AGENTS_READ, null),
            new Endpoint(HttpMethod.GET, "/api/v1/langgraph/assistants/{assistantId}/schemas", Permission.AGENTS_READ, null),
            new Endpoint(HttpMethod.POST, "/api/v1/langgraph/threads", Permission.AGENTS_RUN, "{}"),
            new Endpoint(HttpMethod.GET, "/api/v1/langgraph/threads/{threadId}", Permission.AGENTS_READ, null),
            new Endpoint(HttpMethod.POST, "/api/v1/langgraph/threads/search", Permission.AGENTS_READ, "{}"),
            new Endpoint(HttpMethod.DELETE, "/api/v1/langgraph/threads/{threadId}", Permission.AGENTS_RUN, null),
            new Endpoint(HttpMethod.GET, "/api/v1/langgraph/threads/{threadId}/state", Permission.AGENTS_READ, null),
            new Endpoint(HttpMethod.POST, "/api/v1/langgraph/threads/{threadId}/state", Permission.AGENTS_RUN, "{}"),
            new Endpoint(HttpMethod.POST, "/api/v1/langgraph/threads/{threadId}/history", Permission.AGENTS_READ, "{}"),
            new Endpoint(HttpMethod.GET, "/api/v1/langgraph/threads/{threadId}/history", Permission.AGENTS_READ, null),
            new Endpoint(HttpMethod.POST, "/api/v1/langgraph/threads/{threadId}/runs", Permission.AGENTS_RUN, "{}"),
            new Endpoint(HttpMethod.POST, "/api/v1/langgraph/runs", Permission.AGENTS_RUN, "{}"),
            new Endpoint(HttpMethod.POST, "/api/v1/langgraph/threads/{threadId}/runs/wait", Permission.AGENTS_RUN, "{}"),
            new Endpoint(HttpMethod.POST, "/api/v1/langgraph/runs/wait", Permission.AGENTS_RUN, "{}"),
            new Endpoint(HttpMethod.POST, "/api/v1/langgraph/threads/{threadId}/runs/stream", Permission.AGENTS_RUN, "{}"),
            new Endpoint(HttpMethod.POST, "/api/v1/langgraph/runs/stream", Permission.AGENTS_RUN, "{}"),
            new Endpoint(HttpMethod.GET, "/api/v1/langgraph/threads/{threadId}/runs", Permission.AGENTS_READ, null),
            new Endpoint(HttpMethod.GET, "/api/v1/langgraph/threads/{threadId}/runs/{runId}", Permission.AGENTS_READ, null),
            new Endpoint(HttpMethod.DELETE, "/api/v1/langgraph/threads/{threadId}/runs/{runId}", Permission.AGENTS_RUN, null),
            new Endpoint(HttpMethod.GET, "/api/v1/langgraph/threads/{threadId}/runs/{runId}/join", Permission.AGENTS_READ, null),
            new Endpoint(HttpMethod.GET, "/api/v1/langgraph/threads/{threadId}/runs/{runId}/stream", Permission.AGENTS_READ, null),
            new Endpoint(HttpMethod.POST, "/api/v1/langgraph/threads/{threadId}/runs/{runId}/cancel", Permission.AGENTS_RUN, null),
            // web dashboard
            new Endpoint(HttpMethod.GET, "/api/v1/web/config", null, null));

    /**
     * Endpoints whose {@code {id}} is not tenant-owned by design: the platform operator's tenant API addresses every
     * tenant. They are guarded by {@code tenants:manage}, which only {@code platform_admin} holds.
     */
    static final Set<String> CROSS_TENANT_BY_DESIGN = Set.of(
            "GET /api/v1/platform/tenants/{id}", "POST /api/v1/platform/tenants/{id}/suspend",
            "POST /api/v1/platform/tenants/{id}/activate", "GET /api/v1/platform/tenants/{id}/agent-license",
            "PUT /api/v1/platform/tenants/{id}/agent-license");

    /**
     * Endpoints addressed by a name that is scoped to the caller's tenant (the same name in two tenants is two
     * secrets): they cannot address another tenant's row at all; {@code SecretsTest} shows a write under another
     * tenant's name leaves that tenant's secret alone.
     */
    static final Set<String> TENANT_SCOPED_NAMES = Set.of(
            "PUT /api/v1/tenant/secrets/{name}", "DELETE /api/v1/tenant/secrets/{name}",
            // consent records are per tenant and e-mail; ConsentTest shows another tenant's stay untouched
            "GET /api/v1/consents/{email}", "PUT /api/v1/consents/{email}");

    /**
     * Endpoints whose ids are not {@code {id}} (the LangGraph protocol's {@code thread_id}, {@code run_id},
     * {@code assistant_id}); their tenant isolation is asserted by the agent platform's own tests.
     */
    static final Set<String> ISOLATION_TESTED_ELSEWHERE = ALL.stream().map(Endpoint::key)
            .filter(k -> k.contains(" /api/v1/langgraph/") && k.contains("{")).collect(Collectors.toUnmodifiableSet());

    private Endpoints() {
    }

    /** The application's own endpoints ({@code /api/} and {@code /.well-known/}), as {@code METHOD path}. */
    static Set<String> mapped(RequestMappingHandlerMapping mapping) {
        Set<String> keys = new TreeSet<>();
        for (var entry : mapping.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            HandlerMethod handler = entry.getValue();
            if (!handler.getBeanType().getPackageName().startsWith("dev.salesagent.server")) {
                continue;
            }
            for (String pattern : info.getPatternValues()) {
                for (var method : info.getMethodsCondition().getMethods()) {
                    keys.add(method.name() + " " + pattern);
                }
            }
        }
        return keys;
    }

    /** The table's keys. */
    static Set<String> tableKeys() {
        return ALL.stream().map(Endpoint::key).collect(Collectors.toCollection(TreeSet::new));
    }
}
