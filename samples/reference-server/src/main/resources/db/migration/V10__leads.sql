-- Sales workspace: leads and CSV imports (issue 16). Every row carries its tenant; row-level security as in V6.
create table lead_import (
    id            uuid primary key,
    tenant_id     uuid not null references tenant (id) on delete cascade,
    created_by    uuid references app_user (id) on delete set null,
    file_name     text,
    status        text not null default 'running',   -- running | completed | failed
    rows_total    integer not null default 0,        -- data records read (the header not counted)
    rows_imported integer not null default 0,
    rows_duplicate integer not null default 0,
    rows_invalid  integer not null default 0,        -- readable rows with invalid values
    rows_unreadable integer not null default 0,      -- malformed CSV records
    columns       jsonb,                             -- field -> column as written
    ignored_columns text[] not null default '{}',
    error         text,                              -- why a failed import stopped
    created_at    timestamptz not null,
    finished_at   timestamptz
);
create index lead_import_tenant on lead_import (tenant_id, created_at, id);

-- Per-row problems of an import (row = the file's line where the record starts; the header is row 1)
create table lead_import_error (
    import_id uuid not null references lead_import (id) on delete cascade,
    tenant_id uuid not null references tenant (id) on delete cascade,
    row_number integer not null,
    kind      text not null,                         -- invalid | unreadable | duplicate
    reason    text not null,
    primary key (import_id, row_number)
);

create table lead (
    id            uuid primary key,
    tenant_id     uuid not null references tenant (id) on delete cascade,
    owner_id      uuid references app_user (id) on delete set null,
    status        text not null default 'new',       -- new | working | qualified | unqualified | converted
    source        text not null default 'api',       -- api | csv_import | ...
    import_id     uuid references lead_import (id) on delete set null,
    company       text,
    domain        text,                              -- normalized (lower case, punycode)
    website       text,
    first_name    text,
    last_name     text,
    email         text,                              -- normalized (lower case)
    title         text,
    phone         text,
    industry      text,
    employees     bigint,
    country       text,
    notes         text,
    score         integer check (score between 0 and 100),
    grade         text,                              -- a | b | c | d
    score_method  text,                              -- rules | model
    score_model   text,
    score_detail  jsonb,                             -- {"breakdown": BANT, "reasons": [...]}
    scored_at     timestamptz,
    created_at    timestamptz not null,
    updated_at    timestamptz not null
);
-- de-duplication: one lead per e-mail (case-insensitive) per tenant; leads without an e-mail: one per domain
create unique index lead_tenant_email on lead (tenant_id, lower(email)) where email is not null;
create unique index lead_tenant_domain on lead (tenant_id, domain) where email is null and domain is not null;
create index lead_tenant_created on lead (tenant_id, created_at, id);
create index lead_tenant_owner on lead (tenant_id, owner_id);
create index lead_tenant_grade on lead (tenant_id, grade);

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'salesagent_tenant') then
        grant select, insert, update, delete on lead, lead_import, lead_import_error to salesagent_tenant;
    end if;
end $$;

alter table lead enable row level security;
create policy tenant_isolation on lead
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
alter table lead_import enable row level security;
create policy tenant_isolation on lead_import
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
alter table lead_import_error enable row level security;
create policy tenant_isolation on lead_import_error
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
