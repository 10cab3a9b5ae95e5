-- Platform foundation: tenants, users, refresh tokens, signing keys, audit trail.
-- PostgreSQL 15+ only (embedded or external). UUID keys; tenant_id on every tenant-owned row.

create table tenant (
    id          uuid primary key,
    slug        text not null unique,
    name        text not null,
    tier        text not null check (tier in ('admin', 'customer')),
    status      text not null default 'active' check (status in ('active', 'suspended')),
    sso_domain  text unique,                -- first-login provisioning by e-mail domain (SSO)
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);
create index tenant_status_idx on tenant (status, created_at);
create index tenant_tier_idx on tenant (tier, created_at);

create table app_user (
    id            uuid primary key,
    tenant_id     uuid not null references tenant (id),
    email         text not null,
    display_name  text,
    password_hash text,                      -- null for SSO-only users
    roles         text[] not null,
    status        text not null default 'active' check (status in ('active', 'disabled')),
    territory     text,                      -- data scope of sales_manager
    created_at    timestamptz not null,
    updated_at    timestamptz not null
);
-- log-in is by e-mail alone, so an e-mail belongs to one user across the platform
create unique index app_user_email_uq on app_user (lower(email));
create index app_user_tenant_idx on app_user (tenant_id, created_at, id);
create index app_user_tenant_status_idx on app_user (tenant_id, status);
create index app_user_roles_idx on app_user using gin (roles);

create table refresh_token (
    id             uuid primary key,
    tenant_id      uuid not null references tenant (id),
    user_id        uuid not null references app_user (id) on delete cascade,
    family_id      uuid not null,            -- every rotation of one log-in shares the family
    token_hash     bytea not null unique,    -- SHA-256 of the opaque token; the token itself is never stored
    issued_at      timestamptz not null,
    expires_at     timestamptz not null,
    used_at        timestamptz,              -- set when rotated; a second use is reuse
    revoked_at     timestamptz,
    revoked_reason text
);
create index refresh_token_family_idx on refresh_token (family_id);
create index refresh_token_user_idx on refresh_token (user_id);

create table signing_key (
    kid         text primary key,
    algorithm   text not null,
    jwk         text not null,              -- private JWK (JSON)
    created_at  timestamptz not null,
    active      boolean not null,           -- the one key that signs new tokens
    retired_at  timestamptz                 -- after this the key no longer verifies
);
create unique index signing_key_one_active_uq on signing_key (active) where active;

-- Append-only, one hash chain per tenant: hash = SHA-256(previous hash | this row's fields).
create table audit_event (
    seq          bigserial primary key,
    id           uuid not null unique,
    tenant_id    uuid not null references tenant (id),
    actor_id     uuid,
    action       text not null,
    target_type  text,
    target_id    text,
    occurred_at  timestamptz not null,
    request_id   text,
    details      text not null default '{}',
    prev_hash    text not null,
    hash         text not null
);
create index audit_event_tenant_idx on audit_event (tenant_id, seq);
create index audit_event_tenant_action_idx on audit_event (tenant_id, action, seq);
create index audit_event_tenant_actor_idx on audit_event (tenant_id, actor_id, seq);
create index audit_event_tenant_target_idx on audit_event (tenant_id, target_type, target_id, seq);
create index audit_event_tenant_time_idx on audit_event (tenant_id, occurred_at);

create function audit_event_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only (% refused)', tg_op;
end $$;
create trigger audit_event_no_update before update or delete on audit_event
    for each row execute function audit_event_append_only();
