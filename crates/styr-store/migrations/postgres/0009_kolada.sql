-- Kolada: values as fetched, KPI metadata (for staleness), where each outcome came from, the values
-- a report published, and each committee's comparison group.

CREATE TABLE kolada_values (
    kpi TEXT NOT NULL, area TEXT NOT NULL, period BIGINT NOT NULL, gender TEXT NOT NULL,
    value DOUBLE PRECISION, status TEXT, member_count BIGINT, fetched_at TEXT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (kpi, area, period, gender)
);

CREATE TABLE kolada_kpis (
    kpi TEXT NOT NULL, title TEXT NOT NULL, publication_date TEXT, prel_publication_date TEXT,
    has_ou_data BIGINT, fetched_at TEXT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (kpi)
);

CREATE TABLE kolada_provenance (
    committee TEXT NOT NULL, indicator_id TEXT NOT NULL, period TEXT NOT NULL,
    gender TEXT NOT NULL, comparison TEXT NOT NULL, regi TEXT NOT NULL,
    kpi TEXT NOT NULL, area TEXT NOT NULL, source TEXT NOT NULL, fetched_at TEXT NOT NULL,
    publication_date TEXT,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, indicator_id, period, gender, comparison, regi)
);

CREATE TABLE kolada_published (
    committee TEXT NOT NULL, year BIGINT NOT NULL, round_id TEXT NOT NULL, indicator_id TEXT NOT NULL,
    period TEXT NOT NULL, gender TEXT NOT NULL, comparison TEXT NOT NULL,
    value DOUBLE PRECISION, report TEXT NOT NULL, published_at TEXT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee, year, round_id, indicator_id, period, gender, comparison)
);

CREATE TABLE kolada_settings (
    committee TEXT NOT NULL, comparison_group TEXT,
    revision BIGINT NOT NULL,
    PRIMARY KEY (committee)
);
