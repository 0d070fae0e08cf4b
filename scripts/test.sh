#!/usr/bin/env bash
# Runs the whole test suite: every crate's unit and integration tests (against the real
# binaries, a real daemon on a temp socket, in a temp HOME), then the install script on a
# clean temp HOME.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

cargo test --workspace --locked
"$repo/scripts/test-install.sh"
