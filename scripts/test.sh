#!/usr/bin/env bash
# Every test: the Swift unit tests, then the kernel driven by real Jupyter clients.
source "$(dirname "$0")/lib.sh"

prepare
ensure_spark

failed=()

# One Spark Connect server for the whole run (Swift and Python suites), stopped on every exit.
SCRATCH="$(mktemp -d -t assay-test.XXXXXX)"
trap 'stop_spark; rm -rf "$SCRATCH"' EXIT
start_spark

say "bench/learn_crosscheck.py --check (the Swift tests' scikit-learn numbers are current)"
python bench/learn_crosscheck.py --check || failed+=("learn_crosscheck --check")

# Nothing may be skipped: a missing reference package or Spark server fails the run (conftest.py,
# and the SparkConnect tests' own guard).
export ASSAY_NO_SKIPS=1

say "swift test"
swift test || failed+=("swift test")

# The kernelspec and history of this run live in a scratch prefix, never the user's.
"$ASSAY_BIN" install --prefix "$SCRATCH"
[ -f "$SCRATCH/share/jupyter/kernels/assay/kernel.json" ] || die "assay install wrote no kernel.json"
export JUPYTER_PATH="$SCRATCH/share/jupyter"
export ASSAY_HISTORY="$SCRATCH/history"
export IPYTHONDIR="$SCRATCH/ipython"

say "pytest Tests/Jupyter"
status=0
python -m pytest Tests/Jupyter -v || status=$?
case "$status" in
    0) ;;
    5) failed+=("pytest (it collected no tests)") ;;
    *) failed+=("pytest (exit $status)") ;;
esac

if [ "${#failed[@]}" -gt 0 ]; then
    printf '\nFAILED: %s\n' "${failed[@]}" >&2
    exit 1
fi
say "all tests passed"
