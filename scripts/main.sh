#!/usr/bin/env bash
# Build Assay, install its kernelspec into .venv, and run the tour notebook headless to HTML.
source "$(dirname "$0")/lib.sh"

prepare

say "installing the kernelspec into .venv"
"$ASSAY_BIN" install --sys-prefix

say "running notebooks/tour.ipynb"
mkdir -p build
jupyter nbconvert --to html --execute notebooks/tour.ipynb --output-dir build \
    --ExecutePreprocessor.kernel_name=assay
[ -s build/tour.html ] || die "nbconvert finished but build/tour.html is missing"

say "the executed tour is at $ROOT/build/tour.html"
