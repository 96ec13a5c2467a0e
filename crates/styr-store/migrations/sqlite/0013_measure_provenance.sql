-- Outcomes computed by `styr measures compute --store-as-outcomes`: for each, the measure and its
-- definition (with the options used), the date range, the input files (name, size, modification
-- time) and when it was computed. Keyed like `outcomes`.

CREATE TABLE measure_provenance (
    committee TEXT NOT NULL, indicator_id TEXT NOT NULL, period TEXT NOT NULL,
    gender TEXT NOT NULL, comparison TEXT NOT NULL, regi TEXT NOT NULL,
    measure TEXT NOT NULL, definition TEXT NOT NULL, range_from TEXT NOT NULL, range_to TEXT NOT NULL,
    input_files TEXT NOT NULL, computed_at TEXT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, indicator_id, period, gender, comparison, regi)
);
