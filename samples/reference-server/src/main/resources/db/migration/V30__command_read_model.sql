-- Command center (issue 17): the local read model of each tenant's CRM (filled by the initial sync through the SPI's
-- listings, kept fresh by webhooks and the 5-minute fallback sync), sales-order transactions, query history and
-- webhook de-duplication. Every row is tenant-owned; row-level security as in V6.
create table cmd_customer (
    tenant_id  uuid        not null references tenant (id) on delete cascade,
    id         text        not null,
    name       text        not null,
    segment    text,
    region     text,
    country    text,
    updated_at timestamptz,
    primary key (tenant_id, id)
);
create index cmd_customer_name on cmd_customer (tenant_id, lower(name));

create table cmd_product (
    tenant_id    uuid          not null references tenant (id) on delete cascade,
    id           text          not null,
    sku          text          not null,
    name         text          not null,
    category     text,
    sub_category text,
    unit_price   numeric(19, 4),
    active       boolean       not null,
    updated_at   timestamptz,
    primary key (tenant_id, id)
);
create index cmd_product_name on cmd_product (tenant_id, lower(name));

create table cmd_order (
    tenant_id     uuid           not null references tenant (id) on delete cascade,
    id            text           not null,
    order_number  text,
    customer_id   text,
    customer_name text,
    status        text           not null,
    total         numeric(19, 4) not null,
    currency      text           not null,
    order_date    date,
    region        text,
    owner_id      uuid,
    created_at    timestamptz,
    updated_at    timestamptz,
    primary key (tenant_id, id)
);
create index cmd_order_by_date on cmd_order (tenant_id, order_date desc, id desc);
create index cmd_order_by_customer on cmd_order (tenant_id, customer_id);

create table cmd_order_line (
    tenant_id    uuid           not null,
    order_id     text           not null,
    line_no      integer        not null,
    sku          text,
    product_name text,
    quantity     numeric(19, 4) not null,
    unit_price   numeric(19, 6) not null,
    line_total   numeric(19, 4) not null,
    primary key (tenant_id, order_id, line_no),
    foreign key (tenant_id, order_id) references cmd_order (tenant_id, id) on delete cascade
);

create table cmd_opportunity (
    tenant_id    uuid        not null references tenant (id) on delete cascade,
    id           text        not null,
    name         text,
    account_id   text,
    account_name text,
    stage        text,
    amount       numeric(19, 4),
    currency     text,
    close_date   date,
    closed       boolean     not null,
    won          boolean     not null,
    probability  integer     not null,
    updated_at   timestamptz,
    primary key (tenant_id, id)
);

-- one row per tenant: the sync watermark and the demo's fixed as-of date
create table cmd_sync_state (
    tenant_id        uuid primary key references tenant (id) on delete cascade,
    watermark        timestamptz,
    last_sync_at     timestamptz,
    last_duration_ms bigint,
    last_source      text,
    as_of_date       date
);

create table cmd_webhook_event (
    tenant_id   uuid        not null references tenant (id) on delete cascade,
    source      text        not null,
    event_id    text        not null,
    received_at timestamptz not null,
    primary key (tenant_id, source, event_id)
);

create table cmd_transaction (
    tenant_id       uuid        not null references tenant (id) on delete cascade,
    id              uuid        not null,
    created_by      uuid,
    status          text        not null check (status in ('draft', 'approved', 'submitted', 'failed', 'rejected')),
    request         text,
    order_id        text,
    idempotency_key text,
    reason          text,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    primary key (tenant_id, id)
);
create unique index cmd_transaction_id on cmd_transaction (id);

create table cmd_conversation (
    tenant_id  uuid        not null references tenant (id) on delete cascade,
    id         uuid        not null primary key,
    user_id    uuid        not null,
    thread_id  text        not null,
    question   text        not null,
    intent     text        not null,
    agents     text        not null,
    answer     text        not null,
    method     text        not null,
    created_at timestamptz not null
);
create index cmd_conversation_by_user on cmd_conversation (tenant_id, user_id, created_at desc, id desc);

do $$
declare
    t text;
begin
    foreach t in array array['cmd_customer', 'cmd_product', 'cmd_order', 'cmd_order_line', 'cmd_opportunity',
                             'cmd_sync_state', 'cmd_webhook_event', 'cmd_transaction', 'cmd_conversation'] loop
        execute format('alter table %I enable row level security', t);
        execute format('create policy tenant_isolation on %I'
            || ' using (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid)'
            || ' with check (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid)', t);
        if exists (select 1 from pg_roles where rolname = 'salesagent_tenant') then
            execute format('grant select, insert, update, delete on %I to salesagent_tenant', t);
        end if;
    end loop;
end $$;
