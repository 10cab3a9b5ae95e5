-- Generated sales content of the workspace: proposals, battle cards and conversation analyses. One row per item,
-- one row per version (a regeneration or an edit adds a version; versions are never changed).
create table content_item (
    id              uuid        primary key,
    tenant_id       uuid        not null references tenant (id) on delete cascade,
    kind            text        not null check (kind in ('proposal', 'battle_card', 'conversation')),
    lead_id         uuid,                   -- the workspace lead it is about, if any (plain reference)
    title           text        not null,
    request         jsonb       not null,   -- what it was generated from (lead data, deal, competitor, transcript)
    current_version int         not null,
    created_by      uuid        not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);
create index content_item_list on content_item (tenant_id, kind, created_at desc, id desc);

create table content_version (
    item_id    uuid        not null references content_item (id) on delete cascade,
    tenant_id  uuid        not null references tenant (id) on delete cascade,
    version    int         not null,
    title      text        not null,
    markdown   text,                         -- proposals
    data       jsonb,                        -- battle cards, analyses
    method     text        not null check (method in ('rules', 'model', 'manual')),
    model      text,
    created_by uuid        not null,
    created_at timestamptz not null,
    primary key (item_id, version)
);

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'salesagent_tenant') then
        grant select, insert, update, delete on content_item, content_version to salesagent_tenant;
    end if;
end $$;

alter table content_item enable row level security;
create policy tenant_isolation on content_item
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table content_version enable row level security;
create policy tenant_isolation on content_version
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
