#!/usr/bin/env python3
"""Writes synthetic Kolada v3 value pages (the API's JSON) for the import benchmark.

usage: kolada_pages.py OUT_DIR [--values N]

Deterministic: the same N gives the same bytes. Pages hold 5 000 rows (the API's per_page maximum);
each row is one KPI x municipality x year with the genders T, K and M, a few values null and a few
rows marked isdeleted, as Kolada sends them.
"""
import argparse
import json
import os
import random

PER_PAGE = 5000


def municipalities():
    # 290 four-digit codes with leading zeros, as Kolada writes them.
    return [f"{county:02d}{n:02d}" for county in range(1, 30) for n in range(10)][:290]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--values", type=int, default=1_000_000)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(7)
    munis = municipalities()
    years = list(range(2015, 2025))
    rows_needed = -(-args.values // 3)
    rows, page_no, kpi_no = [], 0, 0

    def flush():
        nonlocal rows, page_no
        if not rows:
            return
        page_no += 1
        with open(os.path.join(args.out, f"data-{page_no:05d}.json"), "w", encoding="utf-8") as f:
            json.dump({"count": len(rows), "values": rows}, f, ensure_ascii=False)
        rows = []

    made = 0
    while made < rows_needed:
        kpi = f"U{20000 + kpi_no:05d}"
        kpi_no += 1
        for m in munis:
            for y in years:
                if made >= rows_needed:
                    break
                vals = []
                for g in ("T", "K", "M"):
                    v = None if rng.random() < 0.02 else round(rng.uniform(0, 100), 1)
                    vals.append({"gender": g, "count": 1, "status": "", "value": v, "isdeleted": rng.random() < 0.001})
                rows.append({"kpi": kpi, "municipality": m, "period": y, "values": vals})
                made += 1
                if len(rows) == PER_PAGE:
                    flush()
    flush()
    print(f"{page_no} pages, {made} rows, {made * 3} values in {args.out}")


if __name__ == "__main__":
    main()
