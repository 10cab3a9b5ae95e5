-- Budget ledger of the Sales Agent SDK: spent and reserved USD per budget and period, shared by every instance.
-- Portable between PostgreSQL (10+) and H2 (2.x). Statements are separated by ';'.
CREATE TABLE IF NOT EXISTS salesagent_budget_ledger (
    budget_id    VARCHAR(400) NOT NULL,
    period_start TIMESTAMP WITH TIME ZONE NOT NULL,
    period_end   TIMESTAMP WITH TIME ZONE NOT NULL,
    spent_usd    NUMERIC(24, 12) NOT NULL,
    reserved_usd NUMERIC(24, 12) NOT NULL,
    PRIMARY KEY (budget_id, period_start)
)
