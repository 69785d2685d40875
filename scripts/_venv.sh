# Sourced by scripts/run and scripts/test: make .venv from the lock file with hashes (once per
# change of the lock file). Needs Python 3.11 or newer; nothing else.
#   ensure_venv requirements.lock        what the bot needs to run
#   ensure_venv requirements-dev.lock    plus the test and lint tools
# Refresh the lock files after changing dependencies in pyproject.toml: ./scripts/lock
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv"

find_python() {
    for candidate in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
        [ -n "$candidate" ] || continue
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    echo "Python 3.11 or newer is needed (set PYTHON=/path/to/python3.11)." >&2
    return 1
}

# pip, quietly: what it prints goes to a log; each package is shown as one line of progress.
_pip() {
    local log="$1"
    shift
    if ! PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_WARN_SCRIPT_LOCATION=1 \
        "$VENV/bin/python" -m pip "$@" >>"$log" 2>&1; then
        echo "Installing failed. The last lines of $log:" >&2
        tail -n 25 "$log" >&2
        return 1
    fi
}

ensure_venv() {
    local lock="$1"
    local stamp="$VENV/.installed-$(basename "$lock")"
    local want
    want="$(cat "$lock" pyproject.toml | sha256sum | cut -d' ' -f1)"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$VENV/bin/python" ]; then
        return 0 # set up already: start at once
    fi
    local began=$SECONDS
    local total
    total="$(grep -c '^[A-Za-z0-9]' "$lock")"
    echo "Setting up .venv: about two minutes, only the first time (or after an update)." >&2
    if [ ! -x "$VENV/bin/python" ]; then
        echo "  [1/3] creating the virtual environment" >&2
        "$(find_python)" -m venv "$VENV"
    else
        echo "  [1/3] virtual environment exists" >&2
    fi
    local log="$VENV/install.log"
    : >"$log"
    echo "  [2/3] installing $total pinned packages from $(basename "$lock") (hashes checked)" >&2
    _pip "$log" install --require-hashes --no-deps -r "$lock" &
    local pid=$!
    if [ -t 2 ]; then # a terminal: one line that counts up
        while kill -0 "$pid" 2>/dev/null; do
            local done_count
            done_count="$(grep -c '^Collecting\|^Requirement already satisfied' "$log" 2>/dev/null || true)"
            printf '\r        %s of %s packages' "${done_count:-0}" "$total" >&2
            sleep 1
        done
        printf '\r        %s of %s packages\n' "$total" "$total" >&2
    fi
    wait "$pid"
    echo "  [3/3] making the bot importable from this folder" >&2
    # What an editable install does, without a build step: the project folder on sys.path.
    "$VENV/bin/python" -c 'import site, sys; open(site.getsitepackages()[0] + "/gemeinschaft.pth", "w").write(sys.argv[1] + "\n")' "$ROOT"
    echo "$want" >"$stamp"
    echo "Ready in $((SECONDS - began)) s. Later starts skip this step." >&2
}
