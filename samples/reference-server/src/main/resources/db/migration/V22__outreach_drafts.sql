-- Outreach e-mails drafted by the agents (or by people), reviewed, and sent once approved.
create table outreach_draft (
    id          uuid        primary key,
    tenant_id   uuid        not null references tenant (id) on delete cascade,
    lead_id     uuid,                    -- the workspace lead (plain reference)
    run_id      uuid,                    -- the agent run that drafted it, if any
    to_email    text        not null,
    subject     text        not null,
    body        text        not null,
    method      text        not null check (method in ('rules', 'model', 'manual')),
    model       text,
    status      text        not null check (status in ('draft', 'sending', 'sent', 'failed')),
    created_by  uuid,
    approved_by uuid,
    message_id  text,                    -- Message-ID header of the sent e-mail
    crm_note_id text,                    -- the note logged in the tenant's CRM
    error       text,                    -- why sending or logging failed
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    sent_at     timestamptz
);
create index outreach_draft_list on outreach_draft (tenant_id, created_at desc, id desc);
create index outreach_draft_lead on outreach_draft (tenant_id, lead_id);

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'salesagent_tenant') then
        grant select, insert, update, delete on outreach_draft to salesagent_tenant;
    end if;
end $$;

alter table outreach_draft enable row level security;
create policy tenant_isolation on outreach_draft
    using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
