-- Per-tenant API keys of the agent platform (issue 19): sent as `x-api-key` (as @langchain/langgraph-sdk does when
-- apiKey is set), accepted on /api/v1/langgraph/**. Only the SHA-256 of the key is stored (keys are 256 random bits,
-- shown once); a key acts for the tenant admin who created it, limited to agents:read and agents:run.
create table lg_api_key (
    id         uuid primary key,
    tenant_id  uuid not null references tenant (id) on delete cascade,
    name       text not null,
    prefix     text not null,          -- first characters of the key, to recognise it in listings
    key_hash   text not null unique,   -- hex SHA-256 of the whole key
    created_by uuid not null references app_user (id) on delete cascade,
    created_at timestamptz not null,
    revoked_at timestamptz,
    revoked_by uuid
);
create index lg_api_key_tenant on lg_api_key (tenant_id, created_at desc);
