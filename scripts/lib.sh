# Shared steps of scripts/main.sh, scripts/test.sh and scripts/bench.sh. Source it; don't run it.
#
# After `prepare`, the caller is at the repository root with:
#   - the system packages the build needs (libzmq3-dev, libsqlite3-dev, pkg-config) and python3 with venv,
#   - swift on PATH,
#   - .venv created and up to date with Tests/Jupyter/requirements.txt, and active
#     (VIRTUAL_ENV and PATH exported),
#   - a release build of the `assay` executable, its path in $ASSAY_BIN.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

REQUIREMENTS="Tests/Jupyter/requirements.txt"
VENV="$ROOT/.venv"

say() { printf '\n==> %s\n' "$*"; }
die() { printf '\nerror: %s\n' "$*" >&2; exit 1; }

# Install Debian packages, or say exactly what to install when we can't.
apt_install() {
    local packages=("$@")
    if [ "$(id -u)" -ne 0 ]; then
        die "missing system packages: ${packages[*]}
  install them with:  sudo apt-get update && sudo apt-get install -y ${packages[*]}"
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        die "missing system packages: ${packages[*]} (and no apt-get here to install them)"
    fi
    say "installing ${packages[*]} with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q || die "apt-get update failed; install by hand: ${packages[*]}"
    apt-get install -y -q --no-install-recommends "${packages[@]}" \
        || die "apt-get install failed; install by hand: ${packages[*]}"
}

ensure_system_packages() {
    local missing=()
    if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists libzmq; then
        missing+=(libzmq3-dev pkg-config)
    fi
    if ! pkg-config --exists sqlite3 2>/dev/null; then
        missing+=(libsqlite3-dev)
    fi
    if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
        missing+=(python3 python3-venv)
    fi
    if [ "${#missing[@]}" -gt 0 ]; then
        apt_install "${missing[@]}"
    fi
    pkg-config --exists libzmq || die "pkg-config still cannot find libzmq after installing libzmq3-dev"
    pkg-config --exists sqlite3 || die "pkg-config still cannot find sqlite3 after installing libsqlite3-dev"
    echo "libzmq $(pkg-config --modversion libzmq), sqlite $(pkg-config --modversion sqlite3), $(python3 --version)"
}

ensure_swift() {
    if ! command -v swift >/dev/null 2>&1; then
        if [ -x /opt/swift/usr/bin/swift ]; then
            export PATH="/opt/swift/usr/bin:$PATH"
        else
            die "swift is not on PATH and not at /opt/swift/usr/bin/swift.
  Install a Swift 6 toolchain (https://www.swift.org/install/linux/) and put its usr/bin on PATH."
        fi
    fi
    echo "$(command -v swift): $(swift --version 2>&1 | head -n 1)"
}

# Create .venv, reinstall the pinned packages whenever requirements.txt changes, activate it.
ensure_venv() {
    local stamp="$VENV/.requirements.sha256"
    local want
    want="$(sha256sum "$REQUIREMENTS" | cut -d' ' -f1)"
    if [ ! -x "$VENV/bin/python" ]; then
        say "creating the Python environment in .venv"
        python3 -m venv "$VENV" || die "python3 -m venv failed"
    fi
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        say "installing $REQUIREMENTS into .venv"
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQUIREMENTS"
        echo "$want" >"$stamp"
    fi
    export VIRTUAL_ENV="$VENV"
    export PATH="$VENV/bin:$PATH"
    hash -r
}

build_release() {
    # A statically linked runtime starts in a few milliseconds instead of tens: the kernel then
    # binds its ports before a front end's first connection attempt, which otherwise waits out
    # ZeroMQ's 100-200 ms reconnect timer.
    say "swift build -c release --product assay --static-swift-stdlib"
    swift build -c release --product assay --static-swift-stdlib
    ASSAY_BIN="$(swift build -c release --show-bin-path)/assay"
    [ -x "$ASSAY_BIN" ] || die "the build finished but $ASSAY_BIN is missing"
    export ASSAY_BIN
    echo "built $ASSAY_BIN ($("$ASSAY_BIN" --version))"
}

prepare() {
    say "checking the toolchain"
    ensure_system_packages
    ensure_swift
    ensure_venv
    build_release
}

# --- Spark: a local Spark Connect server for the tests and benchmarks -------------------------

REQUIREMENTS_SPARK="Tests/Jupyter/requirements-spark.txt"

# Java 17 (Spark 4's runtime) and pyspark in .venv; after ensure_venv.
ensure_spark() {
    if ! command -v java >/dev/null 2>&1 || ! java -version 2>&1 | grep -q 'version "\(17\|21\)'; then
        apt_install openjdk-17-jre-headless
    fi
    local stamp="$VENV/.requirements-spark.sha256"
    local want
    want="$(sha256sum "$REQUIREMENTS_SPARK" | cut -d' ' -f1)"
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        say "installing $REQUIREMENTS_SPARK into .venv (pyspark, about 490 MB)"
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQUIREMENTS_SPARK" \
            || die "pip could not install $REQUIREMENTS_SPARK"
        echo "$want" >"$stamp"
    fi
}

# Starts a Spark Connect server on a free loopback port, waits until it answers, and exports
# ASSAY_SPARK_URI (sc://127.0.0.1:PORT) and SPARK_SERVER_PID. The caller stops it with stop_spark.
start_spark() {
    local spark_home jar port log
    spark_home="$("$VENV/bin/python" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')"
    jar="$(ls "$spark_home"/jars/spark-connect_*.jar 2>/dev/null | head -n 1)"
    [ -n "$jar" ] || die "pyspark in .venv has no jars/spark-connect_*.jar"
    port="$("$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    log="${SPARK_LOG:-$ROOT/.spark-server.log}"
    say "starting a Spark Connect server on 127.0.0.1:$port (log: $log)"
    SPARK_HOME="$spark_home" SPARK_LOCAL_IP=127.0.0.1 setsid "$spark_home/bin/spark-submit" \
        --class org.apache.spark.sql.connect.service.SparkConnectServer \
        --master 'local[2]' \
        --driver-memory "${SPARK_DRIVER_MEMORY:-4g}" \
        --conf spark.connect.grpc.binding.port="$port" \
        --conf spark.connect.grpc.binding.address=127.0.0.1 \
        --conf spark.driver.host=127.0.0.1 \
        --conf spark.driver.bindAddress=127.0.0.1 \
        --conf spark.ui.enabled=false \
        --conf spark.sql.shuffle.partitions=4 \
        --conf spark.sql.warehouse.dir="${SPARK_WAREHOUSE:-$(mktemp -d -t assay-spark-warehouse.XXXXXX)}" \
        --conf spark.connect.enrichErrors.enabled=true \
        "$jar" >"$log" 2>&1 &
    SPARK_SERVER_PID=$!
    export SPARK_SERVER_PID
    local waited=0
    until "$VENV/bin/python" -c "import socket; socket.create_connection(('127.0.0.1', $port), 1).close()" 2>/dev/null; do
        if ! kill -0 "$SPARK_SERVER_PID" 2>/dev/null; then
            tail -n 30 "$log" >&2
            die "the Spark Connect server exited before opening its port (log above)"
        fi
        waited=$((waited + 1))
        [ "$waited" -lt 180 ] || { stop_spark; die "the Spark Connect server did not open its port within 180 s"; }
        sleep 1
    done
    export ASSAY_SPARK_URI="sc://127.0.0.1:$port"
    echo "Spark Connect server up after ${waited} s: $ASSAY_SPARK_URI (pid $SPARK_SERVER_PID)"
}

# Stops the server started by start_spark (its whole process group), if it runs.
stop_spark() {
    if [ -n "${SPARK_SERVER_PID:-}" ] && kill -0 "$SPARK_SERVER_PID" 2>/dev/null; then
        kill -TERM -- "-$SPARK_SERVER_PID" 2>/dev/null || kill -TERM "$SPARK_SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 20); do kill -0 "$SPARK_SERVER_PID" 2>/dev/null || break; sleep 0.5; done
        kill -KILL -- "-$SPARK_SERVER_PID" 2>/dev/null || true
    fi
    SPARK_SERVER_PID=""
}
