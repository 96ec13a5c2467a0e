-- The web application: accounts, roles, the organisation nodes a skribent writes for, sessions,
-- API tokens, which unit answers for a goal, indicator owners, the workflow state of a round, the
-- checklist waivers, and comments.
--
-- users.role is `admin`, `controller`, `skribent` or `lasare`; password_hash is an argon2 PHC
-- string. sessions and api_tokens hold the SHA-256 of the secret, never the secret itself.
-- round_states.state and section_states.state are `utkast`, `klar`, `godkand` or `faststalld`; a round without a row is utkast.

CREATE TABLE users (
    username TEXT NOT NULL PRIMARY KEY,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    revision BIGINT NOT NULL
);

CREATE TABLE user_units (
    username TEXT NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    committee TEXT NOT NULL,
    unit_id TEXT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (username, committee, unit_id)
);

CREATE TABLE sessions (
    token_hash TEXT NOT NULL PRIMARY KEY,
    username TEXT NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    csrf TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revision BIGINT NOT NULL
);

CREATE TABLE api_tokens (
    token_hash TEXT NOT NULL PRIMARY KEY,
    username TEXT NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    label TEXT NOT NULL,
    revision BIGINT NOT NULL
);

CREATE TABLE goal_units (
    committee TEXT NOT NULL, year BIGINT NOT NULL, goal_id TEXT NOT NULL,
    unit_id TEXT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, goal_id)
);

CREATE TABLE indicator_owners (
    committee TEXT NOT NULL, year BIGINT NOT NULL, indicator_id TEXT NOT NULL,
    username TEXT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, indicator_id)
);

CREATE TABLE round_states (
    committee TEXT NOT NULL, year BIGINT NOT NULL, round_id TEXT NOT NULL,
    state TEXT NOT NULL,
    meeting_date TEXT, paragraph TEXT, diarienummer TEXT, reason TEXT,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, round_id)
);

CREATE TABLE section_states (
    committee TEXT NOT NULL, year BIGINT NOT NULL, round_id TEXT NOT NULL, section TEXT NOT NULL,
    state TEXT NOT NULL, changed_by TEXT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, round_id, section)
);

CREATE TABLE checklist_waivers (
    committee TEXT NOT NULL, year BIGINT NOT NULL, round_id TEXT NOT NULL, rule_id TEXT NOT NULL,
    reason TEXT NOT NULL, waived_by TEXT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, round_id, rule_id)
);

CREATE TABLE comments (
    committee TEXT NOT NULL, year BIGINT NOT NULL, round_id TEXT NOT NULL, section TEXT NOT NULL,
    comment_id TEXT NOT NULL,
    author TEXT NOT NULL, at TEXT NOT NULL, body TEXT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, round_id, section, comment_id)
);
