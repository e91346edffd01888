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
