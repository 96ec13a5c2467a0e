#!/usr/bin/env python3
"""The alternative styr's Kolada import is measured against: a plain Python loader of saved v3
value pages into SQLite (json + sqlite3 from the standard library), doing what
`styr kolada import DIR` stores for values: one row per KPI x area x year x gender, deleted rows
skipped, null kept as NULL, upserted on the same key, one transaction.

usage: kolada_load.py DIR DB
"""
import glob
import json
import os
import sqlite3
import sys
from datetime import datetime, timezone


def main():
    src, db = sys.argv[1], sys.argv[2]
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute(
        "CREATE TABLE IF NOT EXISTS kolada_values (kpi TEXT NOT NULL, area TEXT NOT NULL, period INTEGER NOT NULL,"
        " gender TEXT NOT NULL, value REAL, status TEXT, member_count INTEGER, fetched_at TEXT NOT NULL,"
        " revision INTEGER NOT NULL, PRIMARY KEY (kpi, area, period, gender))"
    )
    sql = (
        "INSERT INTO kolada_values VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1) ON CONFLICT (kpi, area, period, gender) DO UPDATE SET"
        " value = excluded.value, status = excluded.status, member_count = excluded.member_count,"
        " fetched_at = excluded.fetched_at, revision = kolada_values.revision + 1"
    )
    n = 0
    with con:
        for path in sorted(glob.glob(os.path.join(src, "*.json"))):
            with open(path, encoding="utf-8") as f:
                page = json.load(f)
            at = datetime.fromtimestamp(os.path.getmtime(path), timezone.utc).isoformat()
            batch = []
            for row in page["values"]:
                area = row.get("municipality") or row.get("ou")
                for v in row["values"]:
                    if v.get("isdeleted"):
                        continue
                    batch.append((row["kpi"], area, int(row["period"]), v["gender"], v.get("value"),
                                  v.get("status") or None, v.get("count"), at))
            con.executemany(sql, batch)
            n += len(batch)
    print(f"{n} values stored")


if __name__ == "__main__":
    main()
