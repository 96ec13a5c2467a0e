#!/usr/bin/env python3
"""The alternative styr's forecast is measured against: the same computation in pandas.

usage: forecast_pandas.py DIR     (DIR from forecast_data.py)

Per municipality and service: the usage rate over the last three base years (sum of volume / sum of
the band's population), the least-squares slope of the yearly rates, and 10 projected years under
three scenarios (constant, trend never below 0, a target rate of 0.9 x the base reached in 2030);
volume = rate x the band's population. Prints the national volume per scenario, service and year,
exactly as the styr example `project_all` prints it, and the compute time (after reading) on stderr.
"""
import sys
import time

import numpy as np
import pandas as pd

SERIES = {"sabo": (80, 100), "hemtjanst-80": (80, 100), "hemtjanst-65-79": (65, 79), "lss": (0, 64)}
BASE_YEARS, HORIZON, TARGET_YEAR, TARGET_FACTOR = 3, 10, 2030, 0.9


def main():
    d = sys.argv[1]
    pop = pd.read_csv(f"{d}/population.csv", sep=";", dtype={"region": str})
    vol = pd.read_csv(f"{d}/volumes.csv", sep=";", dtype={"region": str})
    t0 = time.perf_counter()
    bands = []
    for sid, (lo, hi) in SERIES.items():
        b = pop[(pop["ålder"] >= lo) & (pop["ålder"] <= hi)].groupby(["region", "år"], as_index=False)["antal"].sum()
        b["serie"] = sid
        bands.append(b)
    band = pd.concat(bands)
    hist = vol.merge(band, on=["region", "serie", "år"])
    hist = hist[hist["antal"] > 0].copy()
    hist["rate"] = hist["volym"] / hist["antal"]
    hist = hist.sort_values(["region", "serie", "år"])
    last = hist.groupby(["region", "serie"]).tail(BASE_YEARS)
    base = last.groupby(["region", "serie"]).agg(v=("volym", "sum"), p=("antal", "sum"), base_year=("år", "max"))
    base["base"] = base["v"] / base["p"]
    g = hist.groupby(["region", "serie"])
    mx = g["år"].transform("mean")
    my = g["rate"].transform("mean")
    hist["sxy"] = (hist["år"] - mx) * (hist["rate"] - my)
    hist["sxx"] = (hist["år"] - mx) ** 2
    s = hist.groupby(["region", "serie"])[["sxy", "sxx"]].sum()
    base["slope"] = s["sxy"] / s["sxx"]
    base = base.reset_index()
    fut = base.merge(band, on=["region", "serie"])
    fut = fut[(fut["år"] > fut["base_year"]) & (fut["år"] <= fut["base_year"] + HORIZON)].copy()
    ahead = fut["år"] - fut["base_year"]
    target = fut["base"] * TARGET_FACTOR
    share = np.minimum(ahead / (TARGET_YEAR - fut["base_year"]), 1.0)
    fut["constant"] = fut["base"] * fut["antal"]
    fut["trend"] = np.maximum(fut["base"] + fut["slope"] * ahead, 0.0) * fut["antal"]
    fut["target"] = (fut["base"] + (target - fut["base"]) * share) * fut["antal"]
    out = fut.groupby(["serie", "år"])[["constant", "trend", "target"]].sum()
    elapsed = time.perf_counter() - t0
    for scenario in ("constant", "trend", "target"):
        for (sid, year), row in out.iterrows():
            print(f"{scenario};{sid};{year};{row[scenario]:.3f}")
    print(f"compute: {elapsed * 1000:.1f} ms ({fut.shape[0]} municipality-service-years)", file=sys.stderr)


if __name__ == "__main__":
    main()
