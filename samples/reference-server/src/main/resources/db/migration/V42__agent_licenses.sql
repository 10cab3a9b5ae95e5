-- Agent platform licensing (issue 19): which assistants a tenant may run and how many runs per calendar month (UTC),
-- set by a platform admin. No row: every assistant, no monthly limit. Counting is one conditional upsert per run
-- created (lg_run_usage), so instances sharing the database never admit more runs than the limit.
create table lg_license (
    tenant_id      uuid primary key references tenant (id) on delete cascade,
    assistants     text[],            -- graph ids the tenant may run; null = every assistant
    runs_per_month int check (runs_per_month is null or runs_per_month >= 0), -- null = no limit
    updated_at     timestamptz not null,
    updated_by     uuid
);

create table lg_run_usage (
    tenant_id uuid not null references tenant (id) on delete cascade,
    period    date not null,          -- first day of the calendar month (UTC)
    runs      int not null,
    primary key (tenant_id, period)
);
