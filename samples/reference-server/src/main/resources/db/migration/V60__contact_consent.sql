-- Consent flags on contacts (GDPR art. 7): one row per change, so the history is kept; the current state of a purpose
-- is its newest row. The e-mail is stored normalised (trimmed, lower case). Erasure deletes the person's rows.
create table contact_consent (
    id           uuid primary key,
    tenant_id    uuid not null references tenant (id),
    email        text not null,
    purpose      text not null check (purpose in ('email_marketing', 'profiling', 'phone')),
    granted      boolean not null,
    source       text not null,
    recorded_at  timestamptz not null,
    recorded_by  uuid
);
create index contact_consent_subject_idx on contact_consent (tenant_id, email, purpose, recorded_at desc);

-- What each system did for an erasure (platform users, consents, CRM), and whether the request completed.
alter table gdpr_request add column status text not null default 'completed'
    check (status in ('completed', 'erased', 'incomplete'));
alter table gdpr_request add column outcomes text;

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'salesagent_tenant') then
        grant select, insert, update, delete on contact_consent to salesagent_tenant;
    end if;
end $$;

alter table contact_consent enable row level security;
create policy tenant_isolation on contact_consent
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
