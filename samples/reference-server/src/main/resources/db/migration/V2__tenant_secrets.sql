-- Per-tenant secrets (CRM credentials, model API keys), AES-GCM encrypted by the application (Tink).
create table tenant_secret (
    tenant_id   uuid not null references tenant (id),
    name        text not null,
    ciphertext  bytea not null,   -- Tink AEAD output: key id prefix, IV, ciphertext, tag; bound to (tenant, name)
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    primary key (tenant_id, name)
);
