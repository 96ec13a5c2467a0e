-- Goals of every level in one table, with foreign keys for every reference to a goal, indicator or
-- round; indicators without a stated direction or source; outcomes per regi; indicator judgements
-- and trends per round; the indicator tables' columns; the indicator scale.
--
-- goals.level: 'goal_area' (målområde), 'kf_goal' (KF-mål) or 'goal' (nämndmål); parent_id is the
-- goal above (NULL: directly under the committee). Goal ids are unique across levels, so
-- indicators, Agenda 2030 links and assessments name a goal of any level by id.
-- Foreign keys are checked at commit (DEFERRABLE INITIALLY DEFERRED), so a plan is replaced row by
-- row inside its transaction. Rows that already pointed at nothing (an assessment of a goal removed
-- from its plan, which made `assess` fail) cannot satisfy the keys and are not carried over.
-- outcomes has no year, so it cannot reference the per-year indicators; imports check it.

ALTER TABLE goals RENAME TO goals_0004;

CREATE TABLE goals (
    committee TEXT NOT NULL, year BIGINT NOT NULL, id TEXT NOT NULL,
    level TEXT NOT NULL, parent_id TEXT, title TEXT NOT NULL, description TEXT, ordinal BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, id),
    FOREIGN KEY (committee, year, parent_id) REFERENCES goals (committee, year, id) DEFERRABLE INITIALLY DEFERRED
);

INSERT INTO goals (committee, year, id, level, parent_id, title, description, ordinal, revision)
SELECT committee, year, id, 'goal_area', NULL, title, description, ordinal, revision FROM goal_areas;
INSERT INTO goals (committee, year, id, level, parent_id, title, description, ordinal, revision)
SELECT committee, year, id, 'kf_goal', area_id, title, description, ordinal, revision FROM kf_goals;
INSERT INTO goals (committee, year, id, level, parent_id, title, description, ordinal, revision)
SELECT committee, year, id, 'goal', kf_goal_id, title, description, ordinal, revision FROM goals_0004;

DROP TABLE goals_0004;
DROP TABLE kf_goals;
DROP TABLE goal_areas;

ALTER TABLE goal_agenda2030 RENAME TO goal_agenda2030_0004;

CREATE TABLE goal_agenda2030 (
    committee TEXT NOT NULL, year BIGINT NOT NULL, goal_id TEXT NOT NULL, target TEXT NOT NULL,
    ordinal BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, goal_id, target),
    FOREIGN KEY (committee, year, goal_id) REFERENCES goals (committee, year, id) DEFERRABLE INITIALLY DEFERRED
);

INSERT INTO goal_agenda2030 (committee, year, goal_id, target, ordinal, revision)
SELECT a.committee, a.year, a.goal_id, a.target, a.ordinal, a.revision FROM goal_agenda2030_0004 a
WHERE EXISTS (SELECT 1 FROM goals g WHERE g.committee = a.committee AND g.year = a.year AND g.id = a.goal_id);

DROP TABLE goal_agenda2030_0004;

ALTER TABLE indicator_targets RENAME TO indicator_targets_0004;
ALTER TABLE indicators RENAME TO indicators_0004;

CREATE TABLE indicators (
    committee TEXT NOT NULL, year BIGINT NOT NULL, id TEXT NOT NULL,
    goal_id TEXT NOT NULL, title TEXT NOT NULL, unit TEXT NOT NULL, direction TEXT,
    source_kind TEXT, source_ref TEXT, decimals BIGINT NOT NULL, note TEXT,
    ordinal BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, id),
    FOREIGN KEY (committee, year, goal_id) REFERENCES goals (committee, year, id) DEFERRABLE INITIALLY DEFERRED
);

INSERT INTO indicators (committee, year, id, goal_id, title, unit, direction, source_kind, source_ref, decimals, note, ordinal, revision)
SELECT i.committee, i.year, i.id, i.goal_id, i.title, i.unit, i.direction, i.source_kind, i.source_ref, i.decimals, i.note, i.ordinal, i.revision
FROM indicators_0004 i
WHERE EXISTS (SELECT 1 FROM goals g WHERE g.committee = i.committee AND g.year = i.year AND g.id = i.goal_id);

-- kind: 'etappmal' (per target_year) or 'malvarde' (target_year = end year; value may be NULL)
CREATE TABLE indicator_targets (
    committee TEXT NOT NULL, year BIGINT NOT NULL, indicator_id TEXT NOT NULL,
    kind TEXT NOT NULL, target_year BIGINT NOT NULL, value DOUBLE PRECISION,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, indicator_id, kind, target_year),
    FOREIGN KEY (committee, year, indicator_id) REFERENCES indicators (committee, year, id) DEFERRABLE INITIALLY DEFERRED
);

INSERT INTO indicator_targets (committee, year, indicator_id, kind, target_year, value, revision)
SELECT t.committee, t.year, t.indicator_id, t.kind, t.target_year, t.value, t.revision FROM indicator_targets_0004 t
WHERE EXISTS (SELECT 1 FROM indicators i WHERE i.committee = t.committee AND i.year = t.year AND i.id = t.indicator_id);

DROP TABLE indicator_targets_0004;
DROP TABLE indicators_0004;

-- level_key NULL: the texts are written, no level is set yet.
ALTER TABLE assessments RENAME TO assessments_0004;

CREATE TABLE assessments (
    committee TEXT NOT NULL, year BIGINT NOT NULL, round_id TEXT NOT NULL, goal_id TEXT NOT NULL,
    level_key TEXT, motivation TEXT NOT NULL, analysis TEXT NOT NULL, work_done TEXT NOT NULL,
    ordinal BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, round_id, goal_id),
    FOREIGN KEY (committee, year, goal_id) REFERENCES goals (committee, year, id) DEFERRABLE INITIALLY DEFERRED,
    FOREIGN KEY (committee, year, round_id) REFERENCES rounds (committee, year, id) DEFERRABLE INITIALLY DEFERRED
);

INSERT INTO assessments (committee, year, round_id, goal_id, level_key, motivation, analysis, work_done, ordinal, revision)
SELECT a.committee, a.year, a.round_id, a.goal_id, a.level_key, a.motivation, a.analysis, a.work_done, a.ordinal, a.revision
FROM assessments_0004 a
WHERE EXISTS (SELECT 1 FROM goals g WHERE g.committee = a.committee AND g.year = a.year AND g.id = a.goal_id)
  AND EXISTS (SELECT 1 FROM rounds r WHERE r.committee = a.committee AND r.year = a.year AND r.id = a.round_id);

DROP TABLE assessments_0004;

-- regi: '' for all (the total), else 'egen' or 'extern'.
ALTER TABLE outcomes RENAME TO outcomes_0004;

CREATE TABLE outcomes (
    committee TEXT NOT NULL, indicator_id TEXT NOT NULL, period TEXT NOT NULL,
    gender TEXT NOT NULL, comparison TEXT NOT NULL, regi TEXT NOT NULL,
    value DOUBLE PRECISION, status TEXT NOT NULL, note TEXT,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, indicator_id, period, gender, comparison, regi)
);

INSERT INTO outcomes (committee, indicator_id, period, gender, comparison, regi, value, status, note, revision)
SELECT committee, indicator_id, period, gender, comparison, '', value, status, note, revision FROM outcomes_0004;

DROP TABLE outcomes_0004;

-- The scale indicators are judged on, per plan (like scales / scale_levels).
CREATE TABLE indicator_scales (
    committee TEXT NOT NULL, year BIGINT NOT NULL,
    scale_id TEXT NOT NULL, name TEXT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year)
);

CREATE TABLE indicator_scale_levels (
    committee TEXT NOT NULL, year BIGINT NOT NULL, level_key TEXT NOT NULL,
    label TEXT NOT NULL, color TEXT NOT NULL, evaluated BIGINT NOT NULL, ordinal BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, level_key),
    FOREIGN KEY (committee, year) REFERENCES indicator_scales (committee, year) DEFERRABLE INITIALLY DEFERRED
);

-- The outcome columns of indicator tables; goal_id '' = the plan's default columns.
CREATE TABLE indicator_columns (
    committee TEXT NOT NULL, year BIGINT NOT NULL, goal_id TEXT NOT NULL, ordinal BIGINT NOT NULL,
    period TEXT NOT NULL, label TEXT,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, goal_id, ordinal)
);

-- An indicator's judgement (a level key of the indicator scale), typed trend and comment per round.
CREATE TABLE indicator_followups (
    committee TEXT NOT NULL, year BIGINT NOT NULL, round_id TEXT NOT NULL, indicator_id TEXT NOT NULL,
    judgement TEXT, trend TEXT, comment TEXT, ordinal BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, round_id, indicator_id),
    FOREIGN KEY (committee, year, indicator_id) REFERENCES indicators (committee, year, id) DEFERRABLE INITIALLY DEFERRED,
    FOREIGN KEY (committee, year, round_id) REFERENCES rounds (committee, year, id) DEFERRABLE INITIALLY DEFERRED
);
