-- Volumes per report round (åtagande, utfall so far, prognos) and organisation node; grants and
-- särskilda satsningar per organisation node. round_id '' = the year as a whole.
CREATE TABLE volume_figures (
    committee TEXT NOT NULL, year BIGINT NOT NULL, round_id TEXT NOT NULL, id TEXT NOT NULL,
    name TEXT NOT NULL, unit TEXT NOT NULL, org_unit TEXT,
    commitment DOUBLE PRECISION, outcome DOUBLE PRECISION, forecast DOUBLE PRECISION, comment TEXT,
    ordinal BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, round_id, id)
);

INSERT INTO volume_figures
    (committee, year, round_id, id, name, unit, org_unit, commitment, outcome, forecast, comment, ordinal, revision)
SELECT committee, year, '', id, name, unit, NULL, commitment, outcome, forecast, comment, ordinal, revision
FROM volumes;

DROP TABLE volumes;

ALTER TABLE grants ADD COLUMN org_unit TEXT;
ALTER TABLE targeted_funds ADD COLUMN org_unit TEXT;
