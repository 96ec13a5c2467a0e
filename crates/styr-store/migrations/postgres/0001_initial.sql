-- styr schema, version 1. The PostgreSQL migration is the same file with an identity column for
-- audit_log.id; keep them in step (a test checks they differ only there).
-- Conventions: every row belongs to a committee (`committee` = "<municipality code>-<committee id>");
-- editable objects carry `revision`; optional key parts use '' instead of NULL.

CREATE TABLE municipalities (
    code TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    revision BIGINT NOT NULL
);

CREATE TABLE committees (
    committee TEXT NOT NULL PRIMARY KEY,
    municipality TEXT NOT NULL REFERENCES municipalities (code),
    local_id TEXT NOT NULL,
    name TEXT NOT NULL,
    revision BIGINT NOT NULL
);

CREATE TABLE scales (
    committee TEXT NOT NULL, year BIGINT NOT NULL,
    scale_id TEXT NOT NULL, name TEXT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year)
);

CREATE TABLE scale_levels (
    committee TEXT NOT NULL, year BIGINT NOT NULL, level_key TEXT NOT NULL,
    label TEXT NOT NULL, color TEXT NOT NULL, evaluated BIGINT NOT NULL, ordinal BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, level_key)
);

CREATE TABLE org_units (
    committee TEXT NOT NULL, year BIGINT NOT NULL, id TEXT NOT NULL,
    parent_id TEXT, name TEXT NOT NULL, kind TEXT NOT NULL, regi TEXT, ordinal BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, id)
);

CREATE TABLE rounds (
    committee TEXT NOT NULL, year BIGINT NOT NULL, id TEXT NOT NULL,
    kind TEXT NOT NULL, period_end TEXT NOT NULL, label TEXT NOT NULL, ordinal BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, id)
);

CREATE TABLE goal_areas (
    committee TEXT NOT NULL, year BIGINT NOT NULL, id TEXT NOT NULL,
    title TEXT NOT NULL, description TEXT, ordinal BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, id)
);

CREATE TABLE kf_goals (
    committee TEXT NOT NULL, year BIGINT NOT NULL, id TEXT NOT NULL,
    area_id TEXT NOT NULL, title TEXT NOT NULL, description TEXT, ordinal BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, id)
);

CREATE TABLE goals (
    committee TEXT NOT NULL, year BIGINT NOT NULL, id TEXT NOT NULL,
    kf_goal_id TEXT NOT NULL, title TEXT NOT NULL, description TEXT, ordinal BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, id)
);

CREATE TABLE goal_agenda2030 (
    committee TEXT NOT NULL, year BIGINT NOT NULL, goal_id TEXT NOT NULL, target TEXT NOT NULL,
    ordinal BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, goal_id, target)
);

CREATE TABLE indicators (
    committee TEXT NOT NULL, year BIGINT NOT NULL, id TEXT NOT NULL,
    goal_id TEXT NOT NULL, title TEXT NOT NULL, unit TEXT NOT NULL, direction TEXT NOT NULL,
    source_kind TEXT NOT NULL, source_ref TEXT NOT NULL, decimals BIGINT NOT NULL, note TEXT,
    ordinal BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, id)
);

-- kind: 'etappmal' (per target_year) or 'malvarde' (target_year = end year; value may be NULL)
CREATE TABLE indicator_targets (
    committee TEXT NOT NULL, year BIGINT NOT NULL, indicator_id TEXT NOT NULL,
    kind TEXT NOT NULL, target_year BIGINT NOT NULL, value DOUBLE PRECISION,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, indicator_id, kind, target_year)
);

-- comparison: '' for the committee's own municipality, else a municipality or group code
CREATE TABLE outcomes (
    committee TEXT NOT NULL, indicator_id TEXT NOT NULL, period TEXT NOT NULL,
    gender TEXT NOT NULL, comparison TEXT NOT NULL,
    value DOUBLE PRECISION, status TEXT NOT NULL, note TEXT,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, indicator_id, period, gender, comparison)
);

CREATE TABLE commissions (
    committee TEXT NOT NULL, year BIGINT NOT NULL, id TEXT NOT NULL,
    origin TEXT NOT NULL, source TEXT, goal_id TEXT, body TEXT NOT NULL, ordinal BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, id)
);

CREATE TABLE risks (
    committee TEXT NOT NULL, year BIGINT NOT NULL, id TEXT NOT NULL,
    number TEXT, process TEXT NOT NULL, risk TEXT NOT NULL, measure TEXT NOT NULL, responsible TEXT,
    audit_report TEXT, audit_reference TEXT, audit_background TEXT, ordinal BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, id)
);

CREATE TABLE control_points (
    committee TEXT NOT NULL, year BIGINT NOT NULL, id TEXT NOT NULL,
    process TEXT NOT NULL, what TEXT NOT NULL, frequency TEXT NOT NULL, method TEXT NOT NULL,
    sample TEXT, ordinal BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, id)
);

CREATE TABLE key_figure_tables (
    committee TEXT NOT NULL, year BIGINT NOT NULL, id TEXT NOT NULL,
    title TEXT NOT NULL, ordinal BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, id)
);

CREATE TABLE key_figures (
    committee TEXT NOT NULL, year BIGINT NOT NULL, id TEXT NOT NULL,
    table_id TEXT NOT NULL, title TEXT NOT NULL, unit TEXT NOT NULL, decimals BIGINT NOT NULL,
    ordinal BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, id)
);

CREATE TABLE key_figure_values (
    committee TEXT NOT NULL, year BIGINT NOT NULL, key_figure_id TEXT NOT NULL, value_year BIGINT NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, key_figure_id, value_year)
);

-- Follow-up per report round
CREATE TABLE round_summaries (
    committee TEXT NOT NULL, year BIGINT NOT NULL, round_id TEXT NOT NULL,
    summary TEXT,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, round_id)
);

CREATE TABLE assessments (
    committee TEXT NOT NULL, year BIGINT NOT NULL, round_id TEXT NOT NULL, goal_id TEXT NOT NULL,
    level_key TEXT NOT NULL, motivation TEXT NOT NULL, analysis TEXT NOT NULL, work_done TEXT NOT NULL,
    ordinal BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, round_id, goal_id)
);

CREATE TABLE commission_followups (
    committee TEXT NOT NULL, year BIGINT NOT NULL, round_id TEXT NOT NULL, commission_id TEXT NOT NULL,
    status TEXT NOT NULL, comment TEXT NOT NULL, ordinal BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, round_id, commission_id)
);

CREATE TABLE risk_followups (
    committee TEXT NOT NULL, year BIGINT NOT NULL, round_id TEXT NOT NULL, risk_id TEXT NOT NULL,
    status TEXT NOT NULL, comment TEXT NOT NULL, ordinal BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, round_id, risk_id)
);

CREATE TABLE control_results (
    committee TEXT NOT NULL, year BIGINT NOT NULL, round_id TEXT NOT NULL, control_id TEXT NOT NULL,
    assessment TEXT NOT NULL, result TEXT NOT NULL, action TEXT NOT NULL, ordinal BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, round_id, control_id)
);

-- Economics. Amounts are in öre.
CREATE TABLE econ_lines (
    committee TEXT NOT NULL, id TEXT NOT NULL,
    table_name TEXT NOT NULL, label TEXT NOT NULL, kind TEXT NOT NULL, sum_of TEXT NOT NULL,
    org_unit TEXT, ordinal BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, id)
);

-- round_id: the round a forecast was made in; '' for budget and outcome
CREATE TABLE econ_amounts (
    committee TEXT NOT NULL, line_id TEXT NOT NULL, measure TEXT NOT NULL, period TEXT NOT NULL,
    round_id TEXT NOT NULL,
    amount BIGINT NOT NULL, comment TEXT,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, line_id, measure, period, round_id)
);

CREATE TABLE equity (
    committee TEXT NOT NULL, year BIGINT NOT NULL,
    ib BIGINT NOT NULL, withdrawal BIGINT NOT NULL, result BIGINT NOT NULL, transfer BIGINT NOT NULL,
    ub BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year)
);

CREATE TABLE investments (
    committee TEXT NOT NULL, year BIGINT NOT NULL, id TEXT NOT NULL,
    number TEXT, name TEXT NOT NULL, org_unit TEXT,
    budget BIGINT, outcome BIGINT, forecast BIGINT, comment TEXT, ordinal BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, id)
);

CREATE TABLE grants (
    committee TEXT NOT NULL, year BIGINT NOT NULL, id TEXT NOT NULL,
    name TEXT NOT NULL, kind TEXT NOT NULL, payer TEXT,
    received BIGINT NOT NULL, cost BIGINT NOT NULL, in_budget BIGINT, goal_id TEXT, comment TEXT,
    ordinal BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, id)
);

CREATE TABLE targeted_funds (
    committee TEXT NOT NULL, year BIGINT NOT NULL, id TEXT NOT NULL,
    name TEXT NOT NULL, budget BIGINT NOT NULL, outcome BIGINT, comment TEXT, ordinal BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, id)
);

CREATE TABLE volumes (
    committee TEXT NOT NULL, year BIGINT NOT NULL, id TEXT NOT NULL,
    name TEXT NOT NULL, unit TEXT NOT NULL,
    commitment DOUBLE PRECISION, outcome DOUBLE PRECISION, forecast DOUBLE PRECISION, comment TEXT,
    ordinal BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, id)
);

CREATE TABLE provider_counts (
    committee TEXT NOT NULL, area TEXT NOT NULL, service TEXT NOT NULL, count_date TEXT NOT NULL,
    private_count BIGINT NOT NULL, own_count BIGINT NOT NULL, ordinal BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, area, service, count_date)
);

CREATE TABLE accounts (
    committee TEXT NOT NULL, number TEXT NOT NULL,
    name TEXT NOT NULL, kind TEXT,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, number)
);

CREATE TABLE cost_centres (
    committee TEXT NOT NULL, code TEXT NOT NULL,
    name TEXT NOT NULL, org_unit TEXT,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, code)
);

CREATE TABLE ledger_amounts (
    committee TEXT NOT NULL, year BIGINT NOT NULL, month BIGINT NOT NULL, account TEXT NOT NULL,
    cost_centre TEXT NOT NULL, measure TEXT NOT NULL,
    amount BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, month, account, cost_centre, measure)
);

-- Personnel. Optional key parts are '' when not split.
CREATE TABLE personnel_stats (
    committee TEXT NOT NULL, measure TEXT NOT NULL, stat_date TEXT NOT NULL, time_window TEXT NOT NULL,
    org_unit TEXT NOT NULL, gender TEXT NOT NULL, age_band TEXT NOT NULL, length_band TEXT NOT NULL,
    employment TEXT NOT NULL,
    value DOUBLE PRECISION NOT NULL, ordinal BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, measure, stat_date, time_window, org_unit, gender, age_band, length_band, employment)
);

-- Every write, in the same transaction as the write. before/after are JSON objects of the row's values.
CREATE TABLE audit_log (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at TEXT NOT NULL,
    user_name TEXT NOT NULL,
    object_kind TEXT NOT NULL,
    object_key TEXT NOT NULL,
    action TEXT NOT NULL,
    revision BIGINT NOT NULL,
    before_json TEXT,
    after_json TEXT
);
CREATE INDEX audit_log_object ON audit_log (object_kind, object_key);
