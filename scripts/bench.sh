#!/usr/bin/env bash
# Kernel start-up and round-trip benchmark: the release build of Assay against ipykernel.
source "$(dirname "$0")/lib.sh"

prepare

# Measure this build, whatever else is installed: its kernelspec goes to a scratch prefix.
SCRATCH="$(mktemp -d -t assay-bench.XXXXXX)"
trap 'rm -rf "$SCRATCH"' EXIT
"$ASSAY_BIN" install --prefix "$SCRATCH" >/dev/null
export JUPYTER_PATH="$SCRATCH/share/jupyter"
export ASSAY_HISTORY="$SCRATCH/history"
export IPYTHONDIR="$SCRATCH/ipython"

say "bench/kernel_startup.py $*"
python bench/kernel_startup.py "$@"
