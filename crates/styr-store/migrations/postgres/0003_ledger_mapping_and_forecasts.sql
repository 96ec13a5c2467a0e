-- How the ledger maps onto report rows (account ranges) and the organisation (cost centres).
CREATE TABLE ledger_mappings (
    committee TEXT NOT NULL,
    cost_centre_dimension BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee)
);

-- accounts: comma-separated ranges such as '3000-3999,8400'
CREATE TABLE ledger_mapping_rows (
    committee TEXT NOT NULL, row_id TEXT NOT NULL,
    label TEXT NOT NULL, accounts TEXT NOT NULL, ordinal BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, row_id)
);

CREATE TABLE ledger_mapping_cost_centres (
    committee TEXT NOT NULL, ordinal BIGINT NOT NULL,
    codes TEXT NOT NULL, org_unit TEXT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, ordinal)
);

-- A full-year forecast per report round, organisation node and report row; `method` says how it was
-- made ('proposal:<method>' or 'manual') and `comment` explains it (required for overrides).
CREATE TABLE forecasts (
    committee TEXT NOT NULL, year BIGINT NOT NULL, round_id TEXT NOT NULL, org_unit TEXT NOT NULL,
    row_id TEXT NOT NULL,
    amount BIGINT NOT NULL, method TEXT NOT NULL, comment TEXT,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, round_id, org_unit, row_id)
);
