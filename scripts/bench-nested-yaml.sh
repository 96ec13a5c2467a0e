#!/usr/bin/env bash
# Deeply nested YAML against `styr plan import`: writes plan files that nest lists (`[[[[…]]]]`) or
# mappings (`a:` indented ever deeper) to a given size and times one import of each into a fresh
# SQLite database, with the release binary of this checkout and, if given, another binary
# (e.g. one built from an older commit) for comparison. Each run is cut off after
# ${TIMEOUT:-60} seconds. Prints wall time and the first line of the error.
#
#   CARGO_TARGET_DIR=… scripts/bench-nested-yaml.sh [OTHER_STYR_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
cargo build -q --release -p styr-cli
binaries=("$target/release/styr")
if [ $# -gt 0 ]; then binaries+=("$1"); fi
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT

# flow FILE BYTES: `x: [[[…]]]` of about BYTES bytes
flow() { awk -v n="$(($2 / 2))" 'BEGIN { printf "format: styr-plan/1\nx: "; for (i = 0; i < n; i++) printf "["; for (i = 0; i < n; i++) printf "]"; print "" }' >"$1"; }
# block FILE BYTES: `a:` on every line, indented two more spaces each time, to about BYTES bytes
block() { awk -v max="$2" 'BEGIN { print "format: styr-plan/1"; s = 20; for (d = 0; s < max; d++) { line = sprintf("%" (2 * d) "sa:", ""); print line; s += length(line) + 1 } }' >"$1"; }

for kind in block flow; do
  for bytes in 25000 50000 100000 200000 400000 1000000; do
    file="$dir/$kind-$bytes.yaml"
    "$kind" "$file" "$bytes"
    for bin in "${binaries[@]}"; do
      db="$dir/bench.db"
      rm -f "$db"*
      start=$(date +%s.%N)
      msg=$(timeout "${TIMEOUT:-60}" "$bin" --database "$db" plan import "$file" 2>&1 | head -c 300 | head -n 1 || true)
      end=$(date +%s.%N)
      printf '%-6s %8s bytes  %-40s %8.3f s  %s\n' "$kind" "$(stat -c %s "$file")" "$bin" "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" "${msg:-(timed out)}"
    done
  done
done
