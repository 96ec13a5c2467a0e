#!/usr/bin/env python3
"""styr's measures equal their SQL definitions: generate exports with `styr measures generate`,
write them as Parquet (DuckDB), compute with `styr measures compute --out`, run the SQL files
(crates/styr-measures/sql) with DuckDB and with Spark SQL (pyspark, local mode), and compare every
result row by row (numbers to a relative 1e-9: the engines sum in other orders).

    python3 scripts/measures_crosscheck.py --styr target/debug/styr \
        [--duckdb-scale municipality] [--spark-scale small] [--work DIR]

Needs `pip install duckdb pyspark` (see .ci/run for the cached venv). Spark needs Java 17 or newer;
without `java` on the PATH the Spark half is skipped with the reason printed. Exits non-zero on
any difference.
"""

import argparse
import csv
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import measures_sql  # noqa: E402

# The columns that identify a row of each result.
KEYS = {
    "personalkontinuitet": ["unit_id"],
    "beviljad_utford_tid": ["month", "unit_id", "client_id"],
    "utredningstid": ["service"],
    "verkstallighetstid": ["service"],
    "vantetid": ["service"],
    "ej_verkstallda_3_manader": ["decision_id"],
    "belaggning": ["boende_id", "month"],
    "timanstalldas_andel": ["month", "span"],
    "sjukfranvaro": ["month", "span", "gender", "age_band"],
}

# Column types the exports have (the CSV files carry none).
SCHEMAS = {
    "visits": {"client_id": "BIGINT", "unit_id": "BIGINT", "staff_id": "BIGINT", "start": "TIMESTAMP", "end": "TIMESTAMP"},
    "decisions": {
        "decision_id": "BIGINT", "client_id": "BIGINT", "unit_id": "BIGINT", "service": "VARCHAR", "applied": "DATE",
        "decided": "DATE", "offered": "DATE", "executed": "DATE", "granted_hours_month": "DOUBLE", "valid_from": "DATE",
        "valid_to": "DATE",
    },
    "stays": {"client_id": "BIGINT", "boende_id": "BIGINT", "move_in": "DATE", "move_out": "DATE"},
    "places": {"boende_id": "BIGINT", "places": "BIGINT"},
    "staff": {"staff_id": "BIGINT", "gender": "VARCHAR", "birth_year": "BIGINT", "employment": "VARCHAR"},
    "time_reports": {"staff_id": "BIGINT", "date": "DATE", "kind": "VARCHAR", "hours": "DOUBLE"},
}

RANGES = {"small": ("2025-01-01", "2025-02-25"), "municipality": ("2025-01-01", "2025-12-31"), "national": ("2025-01-01", "2025-12-31")}


def to_parquet(csv_dir, parquet_dir):
    """The generated CSV files as Parquet, typed as the schemas say (as a care system's export)."""
    import duckdb

    os.makedirs(parquet_dir, exist_ok=True)
    con = duckdb.connect()
    for table, columns in SCHEMAS.items():
        src = os.path.join(csv_dir, f"{table}.csv")
        cols = ", ".join(f"'{c}': '{t}'" for c, t in columns.items())
        con.execute(
            f"COPY (SELECT * FROM read_csv('{src}', header = true, columns = {{{cols}}})) "
            f"TO '{os.path.join(parquet_dir, table + '.parquet')}' (FORMAT parquet)"
        )


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def same(a, b):
    if a == b:
        return True
    try:
        x, y = float(a), float(b)
    except ValueError:
        return False
    return math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-9)


def normal_key(v):
    """Keys as text, with integers written alike (DuckDB 5, Spark 5, styr 5; never 5.0)."""
    try:
        f = float(v)
        return str(int(f)) if f.is_integer() else v
    except ValueError:
        return v


def compare(measure, styr_csv, sql_csv, require_rows=True):
    """The differences between styr's and the SQL's result, as lines (empty when equal)."""
    (h1, r1), (h2, r2) = read(styr_csv), read(sql_csv)
    if sorted(h1) != sorted(h2):
        return [f"columns differ: styr {h1}, SQL {h2}"]
    keys = KEYS[measure]
    index = lambda header, rows: {tuple(normal_key(r[header.index(k)]) for k in keys): dict(zip(header, r)) for r in rows}
    a, b = index(h1, r1), index(h2, r2)
    problems = []
    if len(a) != len(r1) or len(b) != len(r2):
        problems.append(f"duplicate keys: styr {len(r1) - len(a)}, SQL {len(r2) - len(b)}")
    for k in sorted(set(a) | set(b)):
        if k not in a or k not in b:
            problems.append(f"{dict(zip(keys, k))}: only in {'SQL' if k not in a else 'styr'}")
            continue
        for col in h1:
            if not same(a[k][col], b[k][col]):
                problems.append(f"{dict(zip(keys, k))} {col}: styr {a[k][col]!r}, SQL {b[k][col]!r}")
    if not r1 and require_rows:
        problems.append("no rows: nothing was compared")
    return problems


def check(engine, scale, styr, work, log):
    date_from, date_to = RANGES[scale]
    base = os.path.join(work, scale)
    csv_dir, parquet_dir = os.path.join(base, "csv"), os.path.join(base, "parquet")
    styr_out, sql_out = os.path.join(base, "styr"), os.path.join(base, engine)
    os.makedirs(base, exist_ok=True)
    if not os.path.exists(os.path.join(parquet_dir, "time_reports.parquet")):
        subprocess.run([styr, "--database", os.path.join(base, "styr.db"), "measures", "generate", "--scale", scale, "--out", csv_dir], check=True)
        to_parquet(csv_dir, parquet_dir)
    if not os.path.exists(os.path.join(styr_out, "sjukfranvaro.csv")):
        started = time.perf_counter()
        subprocess.run(
            [styr, "--database", os.path.join(base, "styr.db"), "measures", "compute", "--input", parquet_dir,
             "--from", date_from, "--to", date_to, "--out", styr_out],
            check=True, stdout=subprocess.DEVNULL,
        )
        log(f"styr measures compute ({scale}, Parquet): {time.perf_counter() - started:.1f} s")
    class Args:
        pass
    a = Args()
    a.date_from, a.date_to, a.continuity_min_days = date_from, date_to, 14
    a.continuity_morning, a.continuity_evening = "07:00-10:00", "19:00-22:00"
    measures_sql.run_all(engine, parquet_dir, measures_sql.parameters(a), sql_out, log=lambda m: log(f"  {engine}: {m}"))
    failures = 0
    for measure in measures_sql.MEASURES:
        # The small scale's eight weeks may hold no decision past its three months: empty on both
        # sides is agreement there; every larger scale must give rows.
        problems = compare(measure, os.path.join(styr_out, f"{measure}.csv"), os.path.join(sql_out, f"{measure}.csv"), scale != "small")
        rows = len(read(os.path.join(styr_out, f"{measure}.csv"))[1])
        if problems:
            failures += 1
            log(f"DIFFERENT {engine} {scale} {measure}: {len(problems)} differences")
            for p in problems[:10]:
                log(f"    {p}")
        else:
            log(f"equal     {engine} {scale} {measure} ({rows} rows)")
    return failures


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--styr", required=True, help="the styr binary")
    p.add_argument("--duckdb-scale", default="municipality", choices=list(RANGES))
    p.add_argument("--spark-scale", default="small", choices=list(RANGES))
    p.add_argument("--work", help="folder for the generated data and results (default: a temporary one, removed)")
    p.add_argument("--no-spark", action="store_true", help="DuckDB only")
    args = p.parse_args()
    log = lambda m: print(m, flush=True)
    work = args.work or tempfile.mkdtemp(prefix="styr-crosscheck-")
    try:
        failures = check("duckdb", args.duckdb_scale, os.path.abspath(args.styr), work, log)
        if args.no_spark:
            log("Spark SQL: not run (--no-spark)")
        elif shutil.which("java") is None:
            log("Spark SQL: SKIPPED, no java on the PATH (pyspark needs Java 17 or newer)")
        else:
            failures += check("spark", args.spark_scale, os.path.abspath(args.styr), work, log)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    if failures:
        log(f"{failures} results differ")
        sys.exit(1)
    log("styr and the SQL files agree")


if __name__ == "__main__":
    main()
