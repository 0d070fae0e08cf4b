#!/usr/bin/env bash
# IPC figures for issue #2, on release binaries and a throw-away daemon:
#   1. `sanctum status` end to end (spawn + connect + handshake + reply), via hyperfine;
#   2. one request round trip on an open connection (divan, in-process server);
#   3. 64 concurrent clients x 500 requests (all answered, p50/p99).
# Usage: scripts/bench/ipc.sh   (RUNS=N to change the hyperfine run count)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
need_tool hyperfine hyperfine

start_daemon
echo "== sanctum status, end to end (daemon up)"
hyperfine --warmup 50 --runs "${RUNS:-500}" -N \
  --export-json "$bench_home/status.json" "$sanctum status" >/dev/null
python3 - "$bench_home/status.json" <<'PY'
import json, statistics, sys
times = sorted(t * 1000 for t in json.load(open(sys.argv[1]))["results"][0]["times"])
pick = lambda q: times[min(len(times) - 1, int(q * len(times)))]
print(f"sanctum status: runs={len(times)} p50={pick(0.50):.2f} ms p90={pick(0.90):.2f} ms "
      f"p99={pick(0.99):.2f} ms mean={statistics.mean(times):.2f} ms")
PY
"$sanctum" daemon stop >/dev/null

echo "== round trip on an open connection, and connect+status (divan)"
(cd "$repo" && cargo bench --locked -p sanctum-daemon --bench ipc 2>/dev/null)
echo "== 64 concurrent clients x 500 requests"
(cd "$repo" && cargo bench --locked -p sanctum-daemon --bench concurrency 2>/dev/null | grep -E 'concurrency|answered')
