#!/usr/bin/env python3
"""Writes the input of the national forecast benchmark: every municipality's population by single
age and sex for 2015-2034 (observed and projected, synthetic) and four services' volume history.

usage: forecast_data.py OUT_DIR      -> OUT_DIR/population.csv, OUT_DIR/volumes.csv

Deterministic (seeded). Columns as styr reads them: population `region;år;ålder;kön;antal`,
volumes `region;serie;år;volym`.
"""
import os
import random
import sys

SERIES = [("sabo", 80, 100, 0.10), ("hemtjanst-80", 80, 100, 120.0), ("hemtjanst-65-79", 65, 79, 18.0), ("lss", 0, 64, 0.004)]


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    rng = random.Random(13)
    regions = [f"{c:02d}{n:02d}" for c in range(1, 30) for n in range(10)][:290]
    with open(os.path.join(out, "population.csv"), "w") as pop, open(os.path.join(out, "volumes.csv"), "w") as vol:
        pop.write("region;år;ålder;kön;antal\n")
        vol.write("region;serie;år;volym\n")
        for r in regions:
            size = rng.uniform(2_500, 60_000)
            base = [size / 101 * max(0.05, 1.2 - (a / 95) ** 3) for a in range(101)]
            bands = {}
            for year in range(2015, 2035):
                drift = 1 + 0.004 * (year - 2015)
                for sex in ("1", "2"):
                    for age in range(101):
                        n = round(base[age] * (drift + 0.01 * (age >= 80) * (year - 2015)) * rng.uniform(0.97, 1.03))
                        pop.write(f"{r};{year};{age};{sex};{n}\n")
                        for sid, lo, hi, _ in SERIES:
                            if lo <= age <= hi:
                                bands[(sid, year)] = bands.get((sid, year), 0) + n
            for sid, _, _, rate in SERIES:
                for year in range(2019, 2025):
                    v = bands[(sid, year)] * rate * rng.uniform(0.9, 1.1) * (1 + 0.01 * (year - 2019))
                    vol.write(f"{r};{sid};{year};{v:.1f}\n")
    print(f"{len(regions)} municipalities in {out}")


if __name__ == "__main__":
    main()
