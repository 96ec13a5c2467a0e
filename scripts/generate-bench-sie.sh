#!/usr/bin/env bash
# Writes the SIE benchmark file: 1,000,000 #TRANS rows, 100 cost centres, 12 months, seed 42
# (53,268,046 bytes; not committed). Usage: scripts/generate-bench-sie.sh [OUT]
# Then: SIE_BENCH_FILE=OUT cargo bench -p styr-sie --bench parse
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-/tmp/styr-sie-bench-1m.se}"
mkdir -p "$(dirname "$out")"
cargo run -q --release -p styr-sie --example generate_sie -- \
  --out "$out" --cost-centres 100 --months 12 --transactions 1000000 --seed 42 --year 2025
echo "$out"
