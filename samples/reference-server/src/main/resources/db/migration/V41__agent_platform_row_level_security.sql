-- Row-level security on the agent platform's tenant-owned tables (as V6 does for the platform's): the role
-- salesagent_tenant sees only the rows of app.tenant_id. The run-queue workers act across tenants as the tables' owner.
do $$
begin
    if exists (select 1 from pg_roles where rolname = 'salesagent_tenant') then
        grant select, insert, update, delete on lg_thread, lg_run to salesagent_tenant;
    end if;
end $$;

alter table lg_thread enable row level security;
create policy tenant_isolation on lg_thread
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table lg_run enable row level security;
create policy tenant_isolation on lg_run
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
