-- Typed delår economics (issue 7): published percentages and comments per line and round,
-- investment categories and outcome for a part of the year, volume groups and the previous year's
-- outcome, åtgärdsplaner with a status and comment per round. Deviations, forecast deviations and
-- prognosförändringar as published are rows of econ_amounts (measures deviation,
-- forecast_deviation, forecast_change); a total line's published values too.
CREATE TABLE econ_line_notes (
    committee TEXT NOT NULL, line_id TEXT NOT NULL, year BIGINT NOT NULL, round_id TEXT NOT NULL,
    forecast_deviation_percent DOUBLE PRECISION, comment TEXT,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, line_id, year, round_id)
);

ALTER TABLE investments ADD COLUMN category TEXT;
ALTER TABLE investments ADD COLUMN period_outcome BIGINT;
ALTER TABLE investments ADD COLUMN outcome_period TEXT;

ALTER TABLE volume_figures ADD COLUMN group_label TEXT;
ALTER TABLE volume_figures ADD COLUMN previous_outcome DOUBLE PRECISION;

CREATE TABLE corrective_actions (
    committee TEXT NOT NULL, year BIGINT NOT NULL, id TEXT NOT NULL,
    title TEXT NOT NULL, description TEXT, org_unit TEXT, line_id TEXT, goal_id TEXT,
    effect_this_year BIGINT, effect_next_year BIGINT,
    ordinal BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, id)
);

CREATE TABLE corrective_action_followups (
    committee TEXT NOT NULL, year BIGINT NOT NULL, action_id TEXT NOT NULL, round_id TEXT NOT NULL,
    status TEXT, comment TEXT,
    ordinal BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, action_id, round_id),
    FOREIGN KEY (committee, year, action_id) REFERENCES corrective_actions (committee, year, id)
);
