-- Sales workspace: agent runs on the SDK graph runtime, their node steps and their event log (issue 16).
-- The graph state itself is in the JDBC checkpointer's tables (sa_graph_*), keyed by agent_run.thread_id.
create table agent_run (
    id               uuid primary key,
    tenant_id        uuid not null references tenant (id) on delete cascade,
    created_by       uuid references app_user (id) on delete set null,
    type             text not null,                  -- research | lead_pipeline | outreach | follow_up
    status           text not null,                  -- queued | running | awaiting_approval | completed | failed | cancelled
    lead_ids         uuid[] not null,
    require_approval boolean not null default false,
    thread_id        text not null,                  -- the graph thread (checkpoints)
    method           text,                           -- rules | model
    model            text,
    input_tokens     bigint not null default 0,
    output_tokens    bigint not null default 0,
    cost_usd         numeric(20, 10) not null default 0,
    output           jsonb,
    error            text,
    cancel_requested boolean not null default false,
    claimed_by       text,                           -- the instance executing it
    heartbeat_at     timestamptz,                    -- refreshed while running; stale = the instance is gone
    attempts         integer not null default 0,     -- executions (1 + resumes after restarts)
    created_at       timestamptz not null,
    started_at       timestamptz,
    finished_at      timestamptz
);
create index agent_run_tenant_created on agent_run (tenant_id, created_at, id);
create index agent_run_status on agent_run (status) where status in ('queued', 'running');

create table agent_run_step (
    run_id       uuid not null references agent_run (id) on delete cascade,
    tenant_id    uuid not null references tenant (id) on delete cascade,
    seq          integer not null,
    graph_run_id text not null,                      -- the pipeline's run or a per-lead run
    graph        text not null,                      -- lead_pipeline | lead
    step         integer not null,                   -- super-step
    node         text not null,
    started_at   timestamptz not null,
    duration_ms  bigint not null,
    outcome      text not null,                      -- completed | failed
    primary key (run_id, seq)
);

create table agent_run_event (
    run_id     uuid not null references agent_run (id) on delete cascade,
    tenant_id  uuid not null references tenant (id) on delete cascade,
    seq        bigint not null,                      -- the SSE id
    type       text not null,                        -- run.started | step.started | step.completed | run.* ...
    data       jsonb not null,
    created_at timestamptz not null,
    primary key (run_id, seq)
);

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'salesagent_tenant') then
        grant select, insert, update, delete on agent_run, agent_run_step, agent_run_event to salesagent_tenant;
    end if;
end $$;

alter table agent_run enable row level security;
create policy tenant_isolation on agent_run
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
alter table agent_run_step enable row level security;
create policy tenant_isolation on agent_run_step
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
alter table agent_run_event enable row level security;
create policy tenant_isolation on agent_run_event
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
