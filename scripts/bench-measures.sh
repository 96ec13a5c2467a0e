#!/usr/bin/env bash
# styr against DuckDB on the same Parquet files: personalkontinuitet and beviljad vs utförd tid,
# side by side in one run (styr, DuckDB, styr, DuckDB, …), each a whole process timed by
# /usr/bin/time (wall seconds and peak RSS), then the median of each and their ratio.
#
#   scripts/bench-measures.sh [SCALE] [RUNS]       # SCALE: municipality (default), municipality-x4, …
#
# Needs the release binary (cargo build --release -p styr-cli; STYR_BIN to point elsewhere) and
# python3 with duckdb (PYTHON to point at a venv's python). The data is generated once into
# ${STYR_BENCH_DIR:-/tmp/styr-measures-bench}/SCALE (Parquet through DuckDB, as the crosscheck does).
# SCALE municipality-xN concatenates N copies of the municipality's visits and decisions with the
# client, unit, staff and decision ids shifted per copy (N municipalities, each its own people).
set -euo pipefail
cd "$(dirname "$0")/.."

scale="${1:-municipality}"
runs="${2:-5}"
bin="${STYR_BIN:-${CARGO_TARGET_DIR:-target}/release/styr}"
python="${PYTHON:-python3}"
base="${STYR_BENCH_DIR:-/tmp/styr-measures-bench}"
data="$base/$scale"

if [ ! -f "$data/parquet/decisions.parquet" ]; then
  "$python" - "$bin" "$base" "$scale" <<'EOF'
import os, subprocess, sys
sys.path.insert(0, "scripts")
import duckdb
from measures_crosscheck import SCHEMAS, to_parquet
bin, base, scale = sys.argv[1:]
one = os.path.join(base, "municipality")
if not os.path.exists(os.path.join(one, "parquet", "decisions.parquet")):
    subprocess.run([bin, "--database", os.path.join(base, "gen.db"), "measures", "generate", "--scale", "municipality", "--out", os.path.join(one, "csv")], check=True)
    to_parquet(os.path.join(one, "csv"), os.path.join(one, "parquet"))
if scale != "municipality":
    n = int(scale.split("-x")[1])
    out = os.path.join(base, scale, "parquet")
    os.makedirs(out, exist_ok=True)
    con = duckdb.connect()
    src = lambda t: os.path.join(one, "parquet", t + ".parquet")
    # Ids shifted by copy: clients, units and decisions by 10^7 per copy, staff by 10^7 too.
    con.execute(f"""COPY (SELECT client_id + k * 10000000 AS client_id, unit_id + k * 10000000 AS unit_id,
        staff_id + k * 10000000 AS staff_id, start, "end" FROM read_parquet('{src("visits")}'), range({n}) r(k)
        ORDER BY k) TO '{out}/visits.parquet' (FORMAT parquet)""")
    con.execute(f"""COPY (SELECT decision_id + k * 10000000 AS decision_id, client_id + k * 10000000 AS client_id,
        unit_id + k * 10000000 AS unit_id, service, applied, decided, offered, executed, granted_hours_month,
        valid_from, valid_to FROM read_parquet('{src("decisions")}'), range({n}) r(k) ORDER BY k)
        TO '{out}/decisions.parquet' (FORMAT parquet)""")
EOF
fi

# Only the two tables the compared measures read (styr also computes the lead times from decisions).
inputs="$data/bench-input"
mkdir -p "$inputs"
for t in visits decisions; do ln -sf "$(readlink -f "$data/parquet/$t.parquet")" "$inputs/$t.parquet"; done

from=2025-01-01
to=2025-12-31
db="$(mktemp -d)/bench.db"
styr_cmd=("$bin" --database "$db" measures compute --input "$inputs" --from "$from" --to "$to")
duck_cmd=("$python" scripts/measures_sql.py --engine duckdb --input "$inputs" --from "$from" --to "$to"
  --out "$data/duckdb-out" --measure personalkontinuitet --measure beviljad_utford_tid)

measure() { # label, command…: prints "label wall_s peak_kib"
  local label="$1"; shift
  local t; t="$(mktemp)"
  /usr/bin/time -f '%e %M' -o "$t" "$@" >/dev/null 2>&1
  echo "$label $(cat "$t")"
  rm -f "$t"
}

echo "scale $scale, $runs runs each, alternating; $(nproc) cores"
"${styr_cmd[@]}" >/dev/null # warm-up: file cache
"${duck_cmd[@]}" >/dev/null
results="$(mktemp)"
for _ in $(seq "$runs"); do
  measure styr "${styr_cmd[@]}" | tee -a "$results"
  measure duckdb "${duck_cmd[@]}" | tee -a "$results"
done
"$python" - "$results" <<'EOF'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
def med(label, i):
    return statistics.median(float(r[i]) for r in rows if r[0] == label)
s, d = med("styr", 1), med("duckdb", 1)
sm, dm = med("styr", 2) / 1024, med("duckdb", 2) / 1024
print(f"styr:   median wall {s:.2f} s, peak RSS {sm:.0f} MiB")
print(f"duckdb: median wall {d:.2f} s, peak RSS {dm:.0f} MiB")
print(f"ratio duckdb/styr: wall {d / s:.2f}x, memory {dm / sm:.2f}x")
EOF
rm -f "$results"
