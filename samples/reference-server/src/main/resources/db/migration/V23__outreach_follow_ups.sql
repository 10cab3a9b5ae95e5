-- Follow-up touches of sent outreach e-mails, fired by db-scheduler (table scheduled_tasks, its PostgreSQL schema).

-- db-scheduler's task table (https://github.com/kagkarlsson/db-scheduler, postgresql_tables.sql). Not tenant-owned:
-- a row names its tenant in task_instance (tenant/draft/touch); the scheduler polls it outside any tenant scope.
create table scheduled_tasks (
    task_name            text                     not null,
    task_instance        text                     not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean                  not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint                   not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index execution_time_idx on scheduled_tasks (execution_time);
create index last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);

-- A draft is a first touch or a follow-up of a sent draft (touch n of its plan).
alter table outreach_draft add column kind text not null default 'first_touch'
    check (kind in ('first_touch', 'follow_up'));
alter table outreach_draft add column parent_id uuid references outreach_draft (id) on delete cascade;
alter table outreach_draft add column touch integer;

-- The planned touches of a sent draft. status: scheduled -> drafted (e-mail touch: a follow-up draft was created for
-- review) | due (phone or LinkedIn touch: a reminder, nothing to mail) | cancelled.
create table outreach_follow_up (
    tenant_id     uuid        not null references tenant (id) on delete cascade,
    draft_id      uuid        not null references outreach_draft (id) on delete cascade,
    touch         integer     not null check (touch > 0),
    day           integer     not null,
    channel       text        not null,
    purpose       text        not null,
    due_at        timestamptz not null,
    status        text        not null check (status in ('scheduled', 'drafted', 'due', 'cancelled')),
    follow_up_id  uuid references outreach_draft (id) on delete set null,
    plan_kind     text        not null,
    plan_method   text        not null,
    created_at    timestamptz not null,
    fired_at      timestamptz,
    primary key (draft_id, touch)
);
create index outreach_follow_up_tenant on outreach_follow_up (tenant_id, draft_id);

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'salesagent_tenant') then
        grant select, insert, update, delete on outreach_follow_up to salesagent_tenant;
        -- touches are scheduled and cancelled inside the tenant-scoped transaction that writes outreach_follow_up
        grant select, insert, update, delete on scheduled_tasks to salesagent_tenant;
    end if;
end $$;

alter table outreach_follow_up enable row level security;
create policy tenant_isolation on outreach_follow_up
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
