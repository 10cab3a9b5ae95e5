-- An agent run stores at most one first-touch draft per lead: a run resumed after a restart (or approved after a
-- pause) stores its drafts again without duplicating them (insert ... on conflict do nothing).
create unique index outreach_draft_run_lead on outreach_draft (run_id, lead_id)
    where run_id is not null and kind = 'first_touch';
