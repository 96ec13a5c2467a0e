-- Uppdrag name a goal of any level (målområde, KF-mål or nämndmål) by id, with a foreign key to
-- goals checked at commit (DEFERRABLE INITIALLY DEFERRED, as in 0005), so a plan is replaced row by
-- row inside its transaction. A stored link to a goal that no longer exists cannot satisfy the key
-- and is cleared (the uppdrag stays, without a goal).
--
-- assessment_rules holds a plan's rule setting: method and min_share_with_outcome are NULL when the
-- plan states no rule; required = 1 when the plan requires an explicit rule
-- (`require_assessment_rule: true`), so that `assess` proposes nothing instead of using the default.

ALTER TABLE commissions RENAME TO commissions_0007;

CREATE TABLE commissions (
    committee TEXT NOT NULL, year BIGINT NOT NULL, id TEXT NOT NULL,
    origin TEXT NOT NULL, source TEXT, goal_id TEXT, body TEXT NOT NULL, ordinal BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    group_name TEXT, start_date TEXT, end_date TEXT,
    PRIMARY KEY (committee, year, id),
    FOREIGN KEY (committee, year, goal_id) REFERENCES goals (committee, year, id) DEFERRABLE INITIALLY DEFERRED
);

INSERT INTO commissions (committee, year, id, origin, source, goal_id, body, ordinal, revision, group_name, start_date, end_date)
SELECT c.committee, c.year, c.id, c.origin, c.source,
       CASE WHEN EXISTS (SELECT 1 FROM goals g WHERE g.committee = c.committee AND g.year = c.year AND g.id = c.goal_id)
            THEN c.goal_id END,
       c.body, c.ordinal, c.revision, c.group_name, c.start_date, c.end_date
FROM commissions_0007 c;

DROP TABLE commissions_0007;

ALTER TABLE assessment_rules RENAME TO assessment_rules_0007;

CREATE TABLE assessment_rules (
    committee TEXT NOT NULL, year BIGINT NOT NULL,
    method TEXT, min_share_with_outcome DOUBLE PRECISION, required BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year)
);

INSERT INTO assessment_rules (committee, year, method, min_share_with_outcome, required, revision)
SELECT committee, year, method, min_share_with_outcome, 0, revision FROM assessment_rules_0007;

DROP TABLE assessment_rules_0007;
