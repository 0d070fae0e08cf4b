#!/usr/bin/env bash
# Installs Sanctum for the current user and starts it with the default protections.
#
#   ./scripts/install.sh
#
# Builds the release binaries from this checkout, installs `sanctum` and `sanctum-daemon`
# into $SANCTUM_INSTALL_DIR (default ~/.local/bin), writes the default config if there is
# none, installs a user service where the platform supports one, and starts the daemon.
# Running it again upgrades in place and restarts the daemon; nothing else changes.
#
# Environment: SANCTUM_INSTALL_DIR (where binaries go), SANCTUM_NO_SERVICE=1 (skip the
# systemd/launchd unit), plus everything sanctum itself reads (SANCTUM_SOCKET, ...).
set -euo pipefail

say() { printf '==> %s\n' "$*"; }
fail() { printf 'install: %s\n' "$*" >&2; exit 1; }

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
install_dir=${SANCTUM_INSTALL_DIR:-$HOME/.local/bin}

command -v cargo >/dev/null 2>&1 \
  || fail "cargo was not found: install Rust with rustup, then run this again"

say "building release binaries (cargo build --release --locked)"
(cd "$repo" && cargo build --release --locked --bin sanctum --bin sanctum-daemon)
target_dir=$(cd "$repo" && cargo metadata --format-version 1 --no-deps 2>/dev/null \
  | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
target_dir=${target_dir:-$repo/target}

mkdir -p "$install_dir"
for binary in sanctum sanctum-daemon; do
  # Copy then rename: replacing a running daemon's executable in place fails (ETXTBSY),
  # and a half-copied binary must never be on PATH.
  cp "$target_dir/release/$binary" "$install_dir/.$binary.new"
  chmod 0755 "$install_dir/.$binary.new"
  mv -f "$install_dir/.$binary.new" "$install_dir/$binary"
done
say "installed sanctum and sanctum-daemon into $install_dir"

sanctum="$install_dir/sanctum"
export SANCTUM_DAEMON_BIN="$install_dir/sanctum-daemon"
"$sanctum" init

if [ "${SANCTUM_NO_SERVICE:-0}" != 1 ]; then
  # Writes a systemd user unit (or launchd agent) and enables it where that works;
  # in containers without a user session it says so and we fall back to a plain start.
  "$sanctum" daemon install-service || say "service not installed (see above); continuing"
fi

if "$sanctum" daemon status >/dev/null 2>&1; then
  say "restarting the daemon so the new binary is in use"
  "$sanctum" daemon restart
else
  "$sanctum" daemon start
fi

"$sanctum" status

echo
say "Sanctum is installed and running."
case ":$PATH:" in
  *":$install_dir:"*) ;;
  *) echo "    Add $install_dir to your PATH, e.g.: export PATH=\"$install_dir:\$PATH\"" ;;
esac
shell_name=$(basename "${SHELL:-bash}")
case "$shell_name" in
  zsh) rc="~/.zshrc" ;;
  fish) rc="~/.config/fish/config.fish" ;;
  *) shell_name=bash rc="~/.bashrc" ;;
esac
if [ "$shell_name" = fish ]; then
  echo "    Start the daemon with every shell: add to $rc:  $sanctum init --shell fish | source"
else
  echo "    Start the daemon with every shell: add to $rc:  eval \"\$($sanctum init --shell $shell_name)\""
fi
echo "    Check everything:  sanctum doctor"
