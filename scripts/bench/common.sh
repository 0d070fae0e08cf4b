# Shared set-up for the benchmark scripts: release binaries and a private, throw-away
# daemon in a temp HOME (the user's real daemon and files are never touched).
# Source it; it defines $sanctum, $daemon_pid_of and starts nothing by itself.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export CARGO_HOME=${CARGO_HOME:-$HOME/.cargo}
export RUSTUP_HOME=${RUSTUP_HOME:-$HOME/.rustup}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$repo/target}

(cd "$repo" && cargo build --release --locked --bin sanctum --bin sanctum-daemon >&2)
sanctum="$CARGO_TARGET_DIR/release/sanctum"
export SANCTUM_DAEMON_BIN="$CARGO_TARGET_DIR/release/sanctum-daemon"

bench_home=$(mktemp -d /tmp/sanctum-bench.XXXXXX)
export HOME="$bench_home/home" XDG_CONFIG_HOME="$bench_home/home/.config"
export XDG_STATE_HOME="$bench_home/home/.local/state" XDG_CACHE_HOME="$bench_home/home/.cache"
export XDG_RUNTIME_DIR="$bench_home/run" SANCTUM_SOCKET="$bench_home/run/s.sock"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
source "$repo/scripts/path-without-python.sh"
trap '"$sanctum" daemon stop >/dev/null 2>&1 || true; rm -rf "$bench_home"' EXIT

# Starts the bench daemon. Python interpreters are hidden from it: its sentinel must not
# discover (and, as root, quarantine from) this machine's own environments.
start_daemon() { without_python "$bench_home" "$sanctum" daemon start --quiet; }

# Prints the pid of the running bench daemon.
daemon_pid() { cat "$SANCTUM_SOCKET.lock"; }

# Installs a Debian package when a tool is missing (benchmarks only; tests never need it).
need_tool() {
  command -v "$1" >/dev/null 2>&1 && return
  echo "installing $2 (for $1)" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >&2
}
