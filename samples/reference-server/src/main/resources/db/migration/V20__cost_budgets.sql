-- Budgets per tenant and per feature, set by the tenant's administrators (PUT /api/v1/budgets). The SDK's
-- CostTracker enforces them through the JDBC BudgetStore (table salesagent_budget_ledger, created by the SDK) and
-- records usage in salesagent_usage (also the SDK's); this table only holds the definitions.
create table cost_budget (
    tenant_id        uuid          not null references tenant (id) on delete cascade,
    feature          text          not null default '',   -- '' = every feature of the tenant
    period           text          not null check (period in ('daily', 'monthly')),
    limit_usd        numeric(24, 12) not null check (limit_usd >= 0),
    alert_thresholds text          not null default '',   -- percent of the limit, comma separated: '80,100'
    updated_at       timestamptz   not null,
    updated_by       uuid,
    primary key (tenant_id, feature, period)
);

-- Where a tenant's budget alerts are POSTed (optional).
create table cost_alert_webhook (
    tenant_id  uuid        primary key references tenant (id) on delete cascade,
    url        text        not null,
    updated_at timestamptz not null
);

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'salesagent_tenant') then
        grant select, insert, update, delete on cost_budget, cost_alert_webhook to salesagent_tenant;
    end if;
end $$;

alter table cost_budget enable row level security;
create policy tenant_isolation on cost_budget
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table cost_alert_webhook enable row level security;
create policy tenant_isolation on cost_alert_webhook
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
