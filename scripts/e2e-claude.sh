#!/usr/bin/env bash
# Runs the real Claude Code client, offline, against Sanctum's hooks, using the shared
# harness (../shared/e2e/claude-code, not copied here). It installs Claude Code with npm
# once (cached), builds the release `sanctum`, wires every hook action Sanctum has, and
# runs the harness's scenarios, then Sanctum's own (tests/e2e/claude-scenarios.json).
#
#   scripts/e2e-claude.sh                      # both suites
#   scripts/e2e-claude.sh --only benign-ls     # extra arguments go to the harness runner
#
# Needs node + npm, python3, git, curl. Exit status 0 only if every scenario passed.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
harness=${SANCTUM_E2E_HARNESS:-$repo/../shared/e2e/claude-code/run.sh}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$repo/target}
if [ ! -x "$harness" ]; then
  echo "the Claude Code harness is not at $harness (set SANCTUM_E2E_HARNESS)" >&2
  exit 2
fi
(cd "$repo" && cargo build --release --locked --bin sanctum >&2)
sanctum="$CARGO_TARGET_DIR/release/sanctum"

# Every action `sanctum hooks install claude` registers, on the same events and matchers.
export HOOK_MAP='
PreToolUse       Bash                                   pre-bash
PreToolUse       Read                                   pre-read
PreToolUse       Write|Edit|MultiEdit|NotebookEdit      pre-write
PreToolUse       mcp__.*                                pre-mcp
PreToolUse       WebFetch|WebSearch                     pre-fetch
PostToolUse      Bash                                   post-bash
PostToolUse      Read                                   post-read
UserPromptSubmit *                                      prompt
'
status=0
echo "== shared scenarios" >&2
"$harness" "$sanctum hook" --on-failure block --hook-timeout 10 "$@" || status=1
if [ -f "$repo/tests/e2e/claude-scenarios.json" ]; then
  echo "== Sanctum's scenarios" >&2
  "$harness" "$sanctum hook" --on-failure block --hook-timeout 10 \
    --scenarios "$repo/tests/e2e/claude-scenarios.json" "$@" || status=1
fi
exit $status
