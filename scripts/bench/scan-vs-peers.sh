#!/usr/bin/env bash
# Compares `sanctum scan` with detect-secrets on the same corpus: real source text (the
# crates in the local cargo registry cache, or $CORPUS_SRC) with fake credentials of every
# kind planted into every 10th file. Prints wall time, throughput, how many planted secrets
# each tool found (recall), and how many other findings it reported (mostly false alarms on
# real code).
#
#   scripts/bench/scan-vs-peers.sh            # 50 MB corpus
#   MB=200 scripts/bench/scan-vs-peers.sh
#
# detect-secrets is installed into a throw-away venv with pip, from the index pip is
# configured with. Nothing leaves the machine except that install.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$repo/target}
mb=${MB:-50}
src=${CORPUS_SRC:-${CARGO_HOME:-$HOME/.cargo}/registry/src}
work=$(mktemp -d /tmp/sanctum-peers.XXXXXX)
trap 'rm -rf "$work"' EXIT

(cd "$repo" && cargo build --release --locked --bin sanctum --example plant_secrets -p sanctum-cli -p sanctum-firewall >&2)
sanctum="$CARGO_TARGET_DIR/release/sanctum"
plant="$CARGO_TARGET_DIR/release/examples/plant_secrets"

venv=${DETECT_SECRETS_VENV:-/tmp/sanctum-bench-detect-secrets}
if [ ! -x "$venv/bin/detect-secrets" ]; then
  echo "installing detect-secrets into $venv" >&2
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet detect-secrets >&2
fi
ds_version=$("$venv/bin/detect-secrets" --version)

# The corpus: text files only, no dotfiles (so ignore-file handling cannot make the tools
# scan different sets), up to $mb MB.
corpus="$work/corpus"
mkdir -p "$corpus"
budget=$((mb * 1024 * 1024))
(cd "$src" && find . -type f \( -name '*.rs' -o -name '*.toml' -o -name '*.md' -o -name '*.json' \
    -o -name '*.yml' -o -name '*.yaml' -o -name '*.py' -o -name '*.js' -o -name '*.txt' -o -name '*.sh' \) \
    -not -path '*/.*' -size -2M -printf '%s %p\n' | sort -k2 |
  awk -v budget="$budget" '{ total += $1; if (total <= budget) print $2 }') > "$work/files"
(cd "$src" && tar -cf - -T "$work/files") | tar -xf - -C "$corpus"
"$plant" "$corpus" 10 1 > "$work/planted.tsv"
files=$(wc -l < "$work/files")
bytes=$(du -sb "$corpus" | cut -f1)
planted=$(wc -l < "$work/planted.tsv")
echo "corpus: $files files, $((bytes / 1024 / 1024)) MiB, $planted planted fake secrets" >&2

# seconds <command...>: wall time of one run, output to $work/out.
seconds() {
  local start end
  start=$(date +%s%N)
  "$@" > "$work/out" 2>"$work/err" || true
  end=$(date +%s%N)
  awk -v ns=$((end - start)) 'BEGIN { printf "%.3f", ns / 1e9 }'
}

# recall <file of "path<TAB>line" found>: planted secrets found, and other findings.
report() {
  local name=$1 secs=$2 found=$3
  local hit extra total
  sort -u "$found" > "$found.sorted"
  cut -f1,2 "$work/planted.tsv" | sort -u > "$work/planted.keys"
  hit=$(comm -12 "$work/planted.keys" "$found.sorted" | wc -l)
  total=$(wc -l < "$found.sorted")
  extra=$((total - hit))
  printf '%-34s %8.2f s %9.1f MB/s   found %4d/%d planted   %5d other findings\n' \
    "$name" "$secs" "$(awk -v b="$bytes" -v s="$secs" 'BEGIN { print b / 1e6 / s }')" "$hit" "$planted" "$extra"
}

cd "$corpus"
for threads in 1 "$(nproc)"; do
  secs=$(seconds "$sanctum" scan --json --no-progress -j "$threads" .)
  python3 -c '
import json, sys
for line in open(sys.argv[1]):
    f = json.loads(line)
    print(f["file"] + "\t" + str(f["line"]))' "$work/out" > "$work/sanctum.found"
  report "sanctum scan (-j $threads)" "$secs" "$work/sanctum.found"
done

secs=$(seconds "$venv/bin/detect-secrets" scan --all-files .)
python3 -c '
import json, sys
data = json.load(open(sys.argv[1]))
for path, results in data.get("results", {}).items():
    for r in results:
        print(path + "\t" + str(r["line_number"]))' "$work/out" > "$work/ds.found"
report "detect-secrets $ds_version" "$secs" "$work/ds.found"
echo "(detect-secrets uses $(python3 -c 'import os; print(os.cpu_count())') processes by default)" >&2
