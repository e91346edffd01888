#!/usr/bin/env bash
# Benchmarks, each printing ratios against its reference in the same run:
#   kernel start-up and round trip (against ipykernel), CSV loading (against pandas and CSV.swift),
#   the run store (against MLflow's client on SQLite).
# `scripts/bench.sh kernel`, `scripts/bench.sh csv` or `scripts/bench.sh tracking` runs one of them.
source "$(dirname "$0")/lib.sh"

prepare

# Measure this build, whatever else is installed: its kernelspec goes to a scratch prefix.
SCRATCH="$(mktemp -d -t assay-bench.XXXXXX)"
trap 'rm -rf "$SCRATCH"' EXIT
"$ASSAY_BIN" install --prefix "$SCRATCH" >/dev/null
export JUPYTER_PATH="$SCRATCH/share/jupyter"
export ASSAY_HISTORY="$SCRATCH/history"
export IPYTHONDIR="$SCRATCH/ipython"

which="${1:-all}"
if [ "$which" = all ] || [ "$which" = kernel ]; then
    say "bench/kernel_startup.py"
    python bench/kernel_startup.py
fi
if [ "$which" = all ] || [ "$which" = csv ]; then
    say "swift build -c release --product assay-csv-bench"
    swift build -c release --product assay-csv-bench
    say "bench/csv_load.py"
    python bench/csv_load.py
fi
if [ "$which" = all ] || [ "$which" = tracking ]; then
    say "swift build -c release --product assay-tracking-bench"
    swift build -c release --product assay-tracking-bench
    say "bench/tracking.py"
    python bench/tracking.py
fi
