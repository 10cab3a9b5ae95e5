-- Agent platform (issue 19): LangGraph Platform threads and runs of the tenants' assistants, and each run's stream.
-- Checkpoints live in the SDK's JdbcCheckpointer tables (created by JdbcCheckpointer.createSchema at start-up), keyed by
-- the thread id; every access to them goes through lg_thread, filtered by tenant.
create table lg_thread (
    thread_id  uuid primary key,
    tenant_id  uuid not null references tenant (id) on delete cascade,
    graph_id   text,
    metadata   jsonb not null default '{}'::jsonb,
    status     text not null default 'idle' check (status in ('idle', 'busy', 'interrupted', 'error')),
    temporary  boolean not null default false,
    created_at timestamptz not null,
    updated_at timestamptz not null
);
create index lg_thread_tenant on lg_thread (tenant_id, updated_at desc);

-- The durable run queue: workers claim with SELECT ... FOR UPDATE SKIP LOCKED and hold a lease they renew; a run whose
-- lease expired (its worker died) is claimed again and resumes from the thread's last checkpoint.
create table lg_run (
    run_id             uuid primary key,
    tenant_id          uuid not null references tenant (id) on delete cascade,
    thread_id          uuid not null references lg_thread (thread_id) on delete cascade,
    assistant_id       text not null,
    graph_id           text not null,
    status             text not null check (status in ('pending', 'running', 'error', 'success', 'timeout', 'interrupted')),
    multitask_strategy text not null,
    kwargs             jsonb not null,
    metadata           jsonb not null default '{}'::jsonb,
    attempt            int not null default 0,
    lease_owner        text,
    lease_until        timestamptz,
    start_checkpoint   text,
    input_tokens       bigint not null default 0,
    output_tokens      bigint not null default 0,
    cost_usd           numeric(18, 8) not null default 0,
    error              text,
    created_at         timestamptz not null,
    updated_at         timestamptz not null
);
create index lg_run_queue on lg_run (created_at) where status in ('pending', 'running');
create index lg_run_thread on lg_run (tenant_id, thread_id, created_at desc);

-- Every event a run streamed, in order (the SSE id is seq): joins and Last-Event-ID reconnections replay from here, on
-- any instance.
create table lg_run_event (
    run_id uuid not null references lg_run (run_id) on delete cascade,
    seq    int not null,
    event  text not null,
    data   text not null,
    primary key (run_id, seq)
);
