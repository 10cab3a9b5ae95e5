-- Row-level security on every tenant-authenticated request (TenantScopedDataSource): such a request's connections run
-- as salesagent_tenant, so that role needs the same table privileges as the server on every table, present and future
-- (the policies of V6, V41 and the workspace migrations then decide which rows it sees). Tables created later by the
-- migrating user (V10+, the SDK's checkpointer tables) inherit the grants through default privileges.
do $$
begin
    if exists (select 1 from pg_roles where rolname = 'salesagent_tenant') then
        execute format('grant select, insert, update, delete on all tables in schema %I to salesagent_tenant',
                       current_schema());
        execute format('grant usage, select, update on all sequences in schema %I to salesagent_tenant',
                       current_schema());
        execute format('alter default privileges in schema %I grant select, insert, update, delete on tables'
                       || ' to salesagent_tenant', current_schema());
        execute format('alter default privileges in schema %I grant usage, select, update on sequences'
                       || ' to salesagent_tenant', current_schema());
        -- Flyway's history is not tenant data
        if exists (select 1 from information_schema.tables
                   where table_schema = current_schema() and table_name = 'flyway_schema_history') then
            revoke all on flyway_schema_history from salesagent_tenant;
        end if;
    end if;
end $$;
