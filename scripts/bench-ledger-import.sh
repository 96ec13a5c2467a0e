#!/usr/bin/env bash
# End-to-end SIE import benchmark: generates a SIE 4 file with 1 000 000 #TRANS rows (100 cost
# centres, 12 months), imports it three times into a fresh SQLite database with the release binary,
# then once more into the last one (the idempotent re-import). Prints wall time and peak memory
# (GNU time: apt-get install time).
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
cargo build -q --release -p styr-cli
cargo build -q --release -p styr-sie --example generate_sie
dir="$(mktemp -d)"
"$target/release/examples/generate_sie" --out "$dir/1m.se" --cost-centres 100 --months 12 --transactions 1000000 --seed 1 --year 2025
cat "$dir/1m.se" >/dev/null # into the page cache, so every run reads it the same way
for run in 1 2 3; do
  db="$dir/bench-$run.db"
  "$target/release/styr" --database "$db" plan import demo/demo-kommun-2025-plan.yaml >/dev/null
  "$target/release/styr" --database "$db" ledger mapping demo/demo-kommun-mapping.yaml >/dev/null
  echo "== import $run into a fresh database"
  /usr/bin/time -f "wall %e s, peak RSS %M KiB" "$target/release/styr" --database "$db" ledger import "$dir/1m.se"
done
echo "== re-import of the same file"
/usr/bin/time -f "wall %e s, peak RSS %M KiB" "$target/release/styr" --database "$db" ledger import "$dir/1m.se"
rm -rf "$dir"
