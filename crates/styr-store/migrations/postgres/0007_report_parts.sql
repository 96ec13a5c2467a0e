-- Report parts (issue 7, items 10, 11, 13, 14): uppdrag with group heading and dates; control
-- points with several frequencies (stored `delår,årsbokslut`) and the risk they control; control
-- results on the scale with the figures found and a summary per round; prose sections and
-- footnotes per round; personnel windows (year to date, year, any range) and labelled counts.

ALTER TABLE commissions ADD COLUMN group_name TEXT;
ALTER TABLE commissions ADD COLUMN start_date TEXT;
ALTER TABLE commissions ADD COLUMN end_date TEXT;

ALTER TABLE control_points ADD COLUMN risk_id TEXT;

ALTER TABLE control_results ADD COLUMN level_key TEXT;

CREATE TABLE control_result_figures (
    committee TEXT NOT NULL, year BIGINT NOT NULL, round_id TEXT NOT NULL, control_id TEXT NOT NULL,
    ordinal BIGINT NOT NULL,
    label TEXT, value DOUBLE PRECISION NOT NULL, unit TEXT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, round_id, control_id, ordinal),
    FOREIGN KEY (committee, year, round_id) REFERENCES rounds (committee, year, id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE control_summaries (
    committee TEXT NOT NULL, year BIGINT NOT NULL, round_id TEXT NOT NULL,
    summary TEXT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, round_id),
    FOREIGN KEY (committee, year, round_id) REFERENCES rounds (committee, year, id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE prose_sections (
    committee TEXT NOT NULL, year BIGINT NOT NULL, round_id TEXT NOT NULL, id TEXT NOT NULL,
    title TEXT NOT NULL, org_unit TEXT, body TEXT NOT NULL, ordinal BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, round_id, id),
    FOREIGN KEY (committee, year, round_id) REFERENCES rounds (committee, year, id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE footnotes (
    committee TEXT NOT NULL, year BIGINT NOT NULL, round_id TEXT NOT NULL, id TEXT NOT NULL,
    target_kind TEXT NOT NULL, target_id TEXT NOT NULL, marker TEXT, body TEXT NOT NULL, ordinal BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, round_id, id),
    FOREIGN KEY (committee, year, round_id) REFERENCES rounds (committee, year, id) DEFERRABLE INITIALLY DEFERRED
);

-- The range start and the label become part of a statistic's key ('' when none).
ALTER TABLE personnel_stats RENAME TO personnel_stats_0006;

CREATE TABLE personnel_stats (
    committee TEXT NOT NULL, measure TEXT NOT NULL, stat_date TEXT NOT NULL, time_window TEXT NOT NULL,
    org_unit TEXT NOT NULL, gender TEXT NOT NULL, age_band TEXT NOT NULL, length_band TEXT NOT NULL,
    employment TEXT NOT NULL, from_date TEXT NOT NULL, label TEXT NOT NULL,
    value DOUBLE PRECISION NOT NULL, ordinal BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, measure, stat_date, time_window, org_unit, gender, age_band, length_band, employment, from_date, label)
);

INSERT INTO personnel_stats
    (committee, measure, stat_date, time_window, org_unit, gender, age_band, length_band, employment, from_date, label,
     value, ordinal, revision)
SELECT committee, measure, stat_date, time_window, org_unit, gender, age_band, length_band, employment, '', '',
       value, ordinal, revision
FROM personnel_stats_0006;

DROP TABLE personnel_stats_0006;
