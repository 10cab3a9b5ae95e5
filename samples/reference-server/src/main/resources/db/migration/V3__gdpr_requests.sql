-- Data subject requests (GDPR art. 15 export, art. 17 erasure). The subject is kept only as a SHA-256 of the e-mail.
create table gdpr_request (
    id               uuid primary key,
    tenant_id        uuid not null references tenant (id),
    kind             text not null check (kind in ('export', 'erasure')),
    subject_hash     text not null,
    subject_user_id  uuid,
    requested_by     uuid not null,
    created_at       timestamptz not null,
    crm_propagation  text not null        -- what happened in the tenant's CRM
);
create index gdpr_request_tenant_idx on gdpr_request (tenant_id, created_at);
