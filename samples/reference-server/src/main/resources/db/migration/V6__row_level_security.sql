-- Defence in depth: row-level security on every tenant-owned table, keyed on the transaction's app.tenant_id
-- (set_config('app.tenant_id', <uuid>, true)). The policies bind every role except the tables' owner; the server
-- connects as the owner (migrations and sign-in need to look across tenants) and switches to the role
-- salesagent_tenant (no login, no BYPASSRLS) with SET LOCAL ROLE for tenant-scoped work, so there a query that forgets
-- its tenant filter still sees only that tenant's rows, and with no app.tenant_id it sees none.
do $$
begin
    if not exists (select 1 from pg_roles where rolname = 'salesagent_tenant') then
        create role salesagent_tenant nologin nobypassrls;
    end if;
    execute format('grant salesagent_tenant to %I', current_user);
exception when insufficient_privilege then
    raise notice 'salesagent_tenant not created (no CREATEROLE): row-level security is enforced only for roles you bind';
end $$;

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'salesagent_tenant') then
        execute format('grant usage on schema %I to salesagent_tenant', current_schema());
        grant select on tenant to salesagent_tenant;
        grant select, insert, update, delete on app_user, refresh_token, tenant_secret, gdpr_request
            to salesagent_tenant;
        grant select, insert on audit_event to salesagent_tenant;
        grant usage on sequence audit_event_seq_seq to salesagent_tenant;
    end if;
end $$;

alter table tenant enable row level security;
create policy tenant_isolation on tenant
    using (id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table app_user enable row level security;
create policy tenant_isolation on app_user
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table refresh_token enable row level security;
create policy tenant_isolation on refresh_token
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table audit_event enable row level security;
create policy tenant_isolation on audit_event
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table tenant_secret enable row level security;
create policy tenant_isolation on tenant_secret
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table gdpr_request enable row level security;
create policy tenant_isolation on gdpr_request
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
