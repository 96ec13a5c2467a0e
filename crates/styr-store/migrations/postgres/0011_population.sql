-- Population by region, year, single age (100 = 100+) and sex, observed or projected, as imported
-- (SCB PxWebApi, a commissioned projection as CSV or spreadsheet). Not audited: a copy of an external
-- source; each row names its source and import time.
CREATE TABLE population (
    region TEXT NOT NULL, year BIGINT NOT NULL, age BIGINT NOT NULL, sex TEXT NOT NULL,
    persons DOUBLE PRECISION NOT NULL, source TEXT NOT NULL, imported_at TEXT NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (region, year, age, sex)
);
