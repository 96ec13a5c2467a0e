-- The rule that proposes a goal's level from its indicators (see styr_domain::AssessmentRule).
CREATE TABLE assessment_rules (
    committee TEXT NOT NULL, year BIGINT NOT NULL,
    method TEXT NOT NULL, min_share_with_outcome DOUBLE PRECISION NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year)
);

-- bound: 'at_least' (share >= value) or 'above' (share > value); the first matching threshold wins
CREATE TABLE assessment_rule_thresholds (
    committee TEXT NOT NULL, year BIGINT NOT NULL, ordinal BIGINT NOT NULL,
    level_key TEXT NOT NULL, bound TEXT NOT NULL, share DOUBLE PRECISION NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, ordinal)
);
