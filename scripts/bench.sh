#!/usr/bin/env bash
# Benchmarks, each printing ratios against its reference in the same run:
#   kernel start-up and round trip (against ipykernel), CSV loading (against pandas and CSV.swift),
#   SHAP (against shap on XGBoost and LightGBM), TPE search (against hyperopt and optuna), tree
#   learning (against LightGBM and scikit-learn), the run store (against MLflow's client on SQLite, and to a real MLflow server over HTTP),
#   Arrow stream decoding (against pyarrow), the Spark engine (against pyspark's Connect client on
#   the same local server).
# `scripts/bench.sh kernel`, `csv`, `shap`, `tpe`, `learn`, `tracking`, `arrow` or `spark` runs one of them; arguments
# after `learn` go to bench/learn_trees.py (e.g. `--sizes 100000 --repeats 5`).
source "$(dirname "$0")/lib.sh"

prepare

# Measure this build, whatever else is installed: its kernelspec goes to a scratch prefix.
SCRATCH="$(mktemp -d -t assay-bench.XXXXXX)"
trap 'rm -rf "$SCRATCH"' EXIT
"$ASSAY_BIN" install --prefix "$SCRATCH" >/dev/null
export JUPYTER_PATH="$SCRATCH/share/jupyter"
export ASSAY_HISTORY="$SCRATCH/history"
export IPYTHONDIR="$SCRATCH/ipython"

# xgboost, hyperopt, optuna and pyarrow: references only the SHAP, TPE and Arrow benchmarks need.
install_bench_references() {
    say "pip install -r bench/requirements.txt (benchmark-only references)"
    python -m pip install --quiet --disable-pip-version-check -r bench/requirements.txt
}

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
if [ "$which" = all ] || [ "$which" = shap ]; then
    install_bench_references
    say "swift build -c release --product assay-shap-bench"
    swift build -c release --product assay-shap-bench
    say "bench/shap_crosscheck.py"
    python bench/shap_crosscheck.py
fi
if [ "$which" = all ] || [ "$which" = tpe ]; then
    install_bench_references
    say "swift build -c release --product assay-tpe-bench"
    swift build -c release --product assay-tpe-bench
    say "bench/tpe.py"
    python bench/tpe.py
fi
if [ "$which" = all ] || [ "$which" = learn ]; then
    say "swift build -c release --product assay-learn-bench"
    swift build -c release --product assay-learn-bench
    say "bench/learn_trees.py"
    python bench/learn_trees.py --no-build "${@:2}"
fi
if [ "$which" = all ] || [ "$which" = spark ]; then
    ensure_spark
    start_spark
    trap 'stop_spark; rm -rf "$SCRATCH"' EXIT
    say "bench/spark.py"
    python bench/spark.py
fi
if [ "$which" = all ] || [ "$which" = tracking ]; then
    say "swift build -c release --product assay-tracking-bench"
    swift build -c release --product assay-tracking-bench
    say "bench/tracking.py"
    python bench/tracking.py
    say "bench/tracking_http.py"
    python bench/tracking_http.py
fi
if [ "$which" = all ] || [ "$which" = arrow ]; then
    install_bench_references
    say "swift build -c release --product assay-arrow-bench"
    swift build -c release --product assay-arrow-bench
    say "bench/arrow_decode.py"
    python bench/arrow_decode.py
fi
