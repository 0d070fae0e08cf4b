#!/usr/bin/env bash
# Runs scripts/install.sh twice on a clean temporary HOME and checks what a user would:
# binaries installed, default config written once, daemon answering, doctor runnable.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Keep the real toolchain and crate cache: only the user's own files move.
export CARGO_HOME=${CARGO_HOME:-$HOME/.cargo}
export RUSTUP_HOME=${RUSTUP_HOME:-$HOME/.rustup}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$repo/target}

scratch=$(mktemp -d /tmp/sanctum-install.XXXXXX)
sanctum="$scratch/bin/sanctum"
cleanup() {
  if [ -x "$sanctum" ]; then "$sanctum" daemon stop >/dev/null 2>&1 || true; fi
  rm -rf "$scratch"
}
trap cleanup EXIT

export HOME="$scratch/home"
export XDG_CONFIG_HOME="$HOME/.config" XDG_STATE_HOME="$HOME/.local/state"
export XDG_CACHE_HOME="$HOME/.cache" XDG_RUNTIME_DIR="$scratch/run"
export SANCTUM_INSTALL_DIR="$scratch/bin" SANCTUM_SOCKET="$scratch/run/s.sock"
unset SANCTUM_CONFIG SANCTUM_DAEMON_BIN
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# The installed daemon must not discover (and, as root, quarantine from) this machine's own
# Python environments: hide the interpreters and the variables pointing at them.
source "$repo/scripts/path-without-python.sh"
PATH=$(path_without_python "$scratch")
export PATH
unset PYENV_ROOT CONDA_PREFIX MAMBA_ROOT_PREFIX PIPX_HOME UV_TOOL_DIR UV_PYTHON_INSTALL_DIR \
  WORKON_HOME PYTHONUSERBASE VIRTUAL_ENV XDG_DATA_HOME

passed=0
check() {
  if ! eval "$1"; then echo "test-install: FAILED: $2" >&2; echo "install: $passed passed, 1 failed"; exit 1; fi
  passed=$((passed + 1))
}

"$repo/scripts/install.sh" >"$scratch/first.log" 2>&1 || { cat "$scratch/first.log"; exit 1; }
check '[ -x "$scratch/bin/sanctum" ] && [ -x "$scratch/bin/sanctum-daemon" ]' "binaries installed"
config="$XDG_CONFIG_HOME/sanctum/config.toml"
check '[ -f "$config" ]' "default config written"
check '[ "$(stat -c %a "$config")" = 600 ]' "config is 0600"
check '"$sanctum" status >/dev/null' "daemon answers after install"
check 'grep -q "sanctum doctor" "$scratch/first.log"' "install prints next steps"
first_pid=$("$sanctum" status --json | sed -n 's/.*"pid": *\([0-9]*\).*/\1/p' | head -n1)

echo "# my edit" >>"$config"
"$repo/scripts/install.sh" >"$scratch/second.log" 2>&1 || { cat "$scratch/second.log"; exit 1; }
check 'grep -q "# my edit" "$config"' "second run keeps the user's config"
check '"$sanctum" status >/dev/null' "daemon answers after the second run"
second_pid=$("$sanctum" status --json | sed -n 's/.*"pid": *\([0-9]*\).*/\1/p' | head -n1)
check '[ -n "$second_pid" ] && [ "$first_pid" != "$second_pid" ]' "second run restarted the daemon"
"$sanctum" doctor >"$scratch/doctor.log" 2>&1 || true
check 'grep -q "daemon" "$scratch/doctor.log"' "doctor reports on the daemon"
"$sanctum" daemon stop >/dev/null
check '! "$sanctum" status >/dev/null 2>&1' "daemon stopped"

echo "install: $passed passed, 0 failed"
