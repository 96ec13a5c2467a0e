#!/usr/bin/env python3
"""Run styr's measures as SQL (crates/styr-measures/sql/*.sql) on DuckDB or Spark SQL.

The input folder holds the exports as Parquet, one file (or Spark's folder of part files) per
table: visits.parquet, decisions.parquet, stays.parquet, places.parquet, staff.parquet,
time_reports.parquet. Each is registered as a view of its name; then the parameters ({from},
{to}, {window_days} …) and the few functions that differ between the engines (@DAY_NUMBER,
@EPOCH_SECONDS, @ADD_MONTHS, @DAYS_TABLE; see crates/styr-measures/sql/README.md) are substituted,
and each measure's result is written as <measure>.csv into --out.

    python3 scripts/measures_sql.py --engine duckdb --input exports/ --from 2025-01-01 --to 2025-12-31 --out sql-results/
    spark-submit scripts/measures_sql.py --engine spark --input hdfs:///exports/ --from 2025-01-01 --to 2025-12-31 --out sql-results/

DuckDB: `pip install duckdb`. Spark: pyspark (spark-submit on a cluster, or local mode from PyPI
with Java 17).
"""

import argparse
import csv
import datetime
import os
import re
import sys
import time

SQL_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "crates", "styr-measures", "sql")
TABLES = ["visits", "decisions", "stays", "places", "staff", "time_reports"]
# Which tables each measure reads: a measure runs when all of them are present.
MEASURES = {
    "personalkontinuitet": ["visits"],
    "beviljad_utford_tid": ["visits", "decisions"],
    "utredningstid": ["decisions"],
    "verkstallighetstid": ["decisions"],
    "vantetid": ["decisions"],
    "ej_verkstallda_3_manader": ["decisions"],
    "belaggning": ["stays", "places"],
    "timanstalldas_andel": ["time_reports", "staff"],
    "sjukfranvaro": ["time_reports", "staff"],
}

# The functions that differ: name -> (duckdb, spark), with {0}, {1} the arguments.
MACROS = {
    "DAY_NUMBER": (
        "date_diff('day', DATE '1970-01-01', CAST({0} AS DATE))",
        "unix_date(CAST({0} AS DATE))",
    ),
    "EPOCH_SECONDS": (
        "date_diff('second', TIMESTAMP '1970-01-01 00:00:00', CAST({0} AS TIMESTAMP))",
        # The session time zone is UTC (see spark_session), so wall-clock times map 1:1.
        "unix_timestamp(CAST({0} AS TIMESTAMP))",
    ),
    "ADD_MONTHS": (
        "CAST({0} + INTERVAL ({1}) MONTH AS DATE)",
        "add_months({0}, {1})",
    ),
    "DAYS_TABLE": (
        "SELECT CAST(range AS DATE) AS day FROM range(CAST({0} AS TIMESTAMP), CAST({1} AS TIMESTAMP) + INTERVAL 1 DAY, INTERVAL 1 DAY)",
        "SELECT explode(sequence({0}, {1}, INTERVAL 1 DAY)) AS day",
    ),
}


def split_args(text):
    """The top-level comma-separated arguments of a macro call."""
    args, depth, current = [], 0, ""
    for ch in text:
        if ch == "," and depth == 0:
            args.append(current.strip())
            current = ""
            continue
        depth += ch == "("
        depth -= ch == ")"
        current += ch
    args.append(current.strip())
    return args


def expand(sql, engine):
    """Replaces every @NAME(args) by the engine's form, innermost arguments first."""
    which = 0 if engine == "duckdb" else 1
    pattern = re.compile(r"@([A-Z_]+)\(")
    while True:
        m = pattern.search(sql)
        if not m:
            return sql
        name, start, i, depth = m.group(1), m.end(), m.end(), 1
        while depth:
            if i >= len(sql):
                raise ValueError(f"unbalanced parentheses after @{name}")
            depth += {"(": 1, ")": -1}.get(sql[i], 0)
            i += 1
        if name not in MACROS:
            raise ValueError(f"unknown macro @{name}")
        args = [expand(a, engine) for a in split_args(sql[start : i - 1])]
        sql = sql[: m.start()] + MACROS[name][which].format(*args) + sql[i:]


def render(measure, engine, params):
    with open(os.path.join(SQL_DIR, f"{measure}.sql"), encoding="utf-8") as f:
        sql = f.read()
    sql = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))
    for key, value in params.items():
        sql = sql.replace("{" + key + "}", str(value))
    left = re.findall(r"\{[a-z_]+\}", sql)
    if left:
        raise ValueError(f"{measure}.sql: no value for {', '.join(sorted(set(left)))}")
    return expand(sql, engine)


def parameters(args):
    date = lambda s: f"DATE '{datetime.date.fromisoformat(s).isoformat()}'"
    minutes = lambda s: (lambda a, b: (int(a[0]) * 60 + int(a[1]), int(b[0]) * 60 + int(b[1])))(*(x.split(":") for x in s.split("-")))
    morning, evening = minutes(args.continuity_morning), minutes(args.continuity_evening)
    return {
        "from": date(args.date_from),
        "to": date(args.date_to),
        "window_days": 14,
        "min_days": args.continuity_min_days,
        "morning_from": morning[0],
        "morning_to": morning[1],
        "evening_from": evening[0],
        "evening_to": evening[1],
    }


def table_path(folder, table):
    return folder.rstrip("/") + f"/{table}.parquet"


def present(folder, table):
    if "://" in folder:
        return True  # a cluster path: the engine says so if it is absent
    return os.path.exists(table_path(folder, table))


class DuckDb:
    def __init__(self, folder, threads=None):
        import duckdb

        self.con = duckdb.connect()
        if threads:
            self.con.execute(f"SET threads = {int(threads)}")
        for t in TABLES:
            if present(folder, t):
                self.con.execute(f"CREATE VIEW {t} AS SELECT * FROM read_parquet('{table_path(folder, t)}')")

    def run(self, sql):
        cur = self.con.execute(sql)
        columns = [d[0] for d in cur.description]
        return columns, cur.fetchall()


def spark_session():
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("styr-measures")
    if not os.environ.get("SPARK_MASTER") and "spark.master" not in " ".join(sys.argv):
        builder = builder.master(os.environ.get("STYR_SPARK_MASTER", "local[2]"))
    return (
        builder.config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.ansi.enabled", "true")
        .config("spark.sql.ansi.doubleQuotedIdentifiers", "true")
        .config("spark.sql.parquet.inferTimestampNTZ.enabled", "true")
        .config("spark.sql.shuffle.partitions", os.environ.get("STYR_SPARK_PARTITIONS", "8"))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )


class Spark:
    def __init__(self, folder):
        self.spark = spark_session()
        self.spark.sparkContext.setLogLevel("ERROR")
        for t in TABLES:
            if present(folder, t):
                self.spark.read.parquet(table_path(folder, t)).createOrReplaceTempView(t)

    def run(self, sql):
        df = self.spark.sql(sql)
        rows = [tuple(r) for r in df.collect()]
        return df.columns, rows


def value(v):
    if v is None:
        return ""
    if isinstance(v, float):
        return repr(v)
    return str(v)


def run_all(engine_name, folder, params, out, measures=None, log=print):
    """Runs every measure whose tables are present; returns {measure: seconds}."""
    engine = DuckDb(folder) if engine_name == "duckdb" else Spark(folder)
    os.makedirs(out, exist_ok=True)
    timings = {}
    for measure, tables in MEASURES.items():
        if measures and measure not in measures:
            continue
        if not all(present(folder, t) for t in tables):
            log(f"{measure}: skipped, no {' or '.join(t for t in tables if not present(folder, t))} in {folder}")
            continue
        sql = render(measure, engine_name, params)
        started = time.perf_counter()
        columns, rows = engine.run(sql)
        timings[measure] = time.perf_counter() - started
        with open(os.path.join(out, f"{measure}.csv"), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(columns)
            for r in rows:
                w.writerow([value(v) for v in r])
        log(f"{measure}: {len(rows)} rows in {timings[measure]:.2f} s")
    return timings


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--engine", choices=["duckdb", "spark"], required=True)
    p.add_argument("--input", required=True, help="folder with <table>.parquet")
    p.add_argument("--from", dest="date_from", required=True)
    p.add_argument("--to", dest="date_to", required=True)
    p.add_argument("--out", required=True, help="folder for <measure>.csv")
    p.add_argument("--measure", action="append", help="only this measure (repeatable)")
    p.add_argument("--continuity-min-days", type=int, default=14)
    p.add_argument("--continuity-morning", default="07:00-10:00")
    p.add_argument("--continuity-evening", default="19:00-22:00")
    p.add_argument("--print-sql", action="store_true", help="print the SQL for the engine and exit")
    args = p.parse_args()
    params = parameters(args)
    if args.print_sql:
        for m in args.measure or MEASURES:
            print(f"-- {m}.sql on {args.engine}\n{render(m, args.engine, params)};\n")
        return
    run_all(args.engine, args.input, params, args.out, args.measure)


if __name__ == "__main__":
    main()
