#!/usr/bin/env bash
# Regenerates the synthetic demo ledger of "Demo kommun" (SIE 4, CP437, 100 cost centres):
# a full year 2024 and January–August 2025 (a delårsrapport per 31 August).
# The test `styr-import/tests/sie_import.rs` checks the committed files equal this output.
set -euo pipefail
cd "$(dirname "$0")/.."
gen() { cargo run -q --release -p styr-sie --example generate_sie -- "$@"; }
gen --out demo/demo-kommun-2024.se --cost-centres 100 --months 12 --transactions 6000 --seed 2024 --year 2024
gen --out demo/demo-kommun-2025-aug.se --cost-centres 100 --months 8 --transactions 4000 --seed 2025 --year 2025
