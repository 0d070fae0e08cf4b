#!/usr/bin/env bash
# `.pth` sentinel figures for issue #5, on release binaries and a throw-away daemon:
#   1. idle cost while watching 50 virtualenvs: CPU time over an idle window, and RSS;
#   2. latency from writing a critical .pth until it is quarantined (the stub is empty and
#      the store holds the content), over WRITES files written one by one: p50/p99.
# Usage: scripts/bench/sentinel.sh   (IDLE_SECONDS=N, WRITES=N, ENVS=N to change)
# The samples are inert (they would only touch a marker path) and are never run.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
seconds=${IDLE_SECONDS:-30}
writes=${WRITES:-200}
envs=${ENVS:-50}

venvs="$HOME/venvs"
for index in $(seq 1 "$envs"); do
  mkdir -p "$venvs/env$index/lib/python3.12/site-packages"
  printf 'home = /usr/bin\nversion = 3.12.1\n' >"$venvs/env$index/pyvenv.cfg"
  # A benign file per environment, as real ones have (the initial sweep judges them).
  printf '/opt/env%s/src\n' "$index" >"$venvs/env$index/lib/python3.12/site-packages/paths.pth"
done
mkdir -p "$XDG_CONFIG_HOME/sanctum"
printf '[sentinel]\nvenv_roots = ["~/venvs"]\nvenv_depth = 2\n' >"$XDG_CONFIG_HOME/sanctum/config.toml"

start_daemon
pid=$(daemon_pid)
# Wait (bounded) until every environment is watched and the first sweep is done.
for _ in $(seq 1 100); do
  status=$("$sanctum" status --json)
  watched=$(printf '%s' "$status" | python3 -c 'import json,sys; s=json.load(sys.stdin)["sentinel"]; print(s["site_dirs_watched"] if s["sweep"]["initial_done"] else -1)')
  [ "$watched" -ge "$envs" ] && break
  sleep 0.1
done
[ "$watched" -ge "$envs" ] || { echo "the daemon never watched $envs environments" >&2; exit 1; }

sleep 1
ticks=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
before=$(cpu_ticks)
sleep "$seconds"
after=$(cpu_ticks)
rss_kib=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
echo "idle, watching $watched site-packages of $envs environments:" \
     "cpu over ${seconds}s = $(( (after - before) * 1000 / ticks )) ms," \
     "rss = $((rss_kib / 1024)).$(( (rss_kib % 1024) * 10 / 1024 )) MiB"

python3 - "$venvs" "$envs" "$writes" <<'PY'
import os, sys, time
venvs, envs, writes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
evil = b"import os; os.system('touch /tmp/sanctum-marker')\n"
latencies = []
for index in range(writes):
    site = f"{venvs}/env{index % envs + 1}/lib/python3.12/site-packages"
    path = f"{site}/evil{index}.pth"
    start = time.perf_counter()
    with open(path, "wb") as file:
        file.write(evil)
    deadline = start + 5
    while True:
        try:
            stub = os.stat(path).st_size == 0
        except FileNotFoundError:
            stub = False
        # Done when the stub is in place and the staged original is gone (the store's
        # content and metadata are written before that).
        if stub and not any(name.startswith(".sanctum-quarantine-") for name in os.listdir(site)):
            break
        if time.perf_counter() > deadline:
            sys.exit(f"{path} was not quarantined within 5 s")
        time.sleep(0.0002)
    latencies.append((time.perf_counter() - start) * 1000)
    time.sleep(0.02)  # one by one: let the daemon go idle between writes
latencies.sort()
pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
print(f"write -> quarantined: n={len(latencies)} p50={pick(0.50):.2f} ms p90={pick(0.90):.2f} ms "
      f"p99={pick(0.99):.2f} ms max={latencies[-1]:.2f} ms")
PY
rss_kib=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
hwm_kib=$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status")
quarantined=$("$sanctum" review --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
echo "after the writes: $quarantined files quarantined, rss = $((rss_kib / 1024)).$(( (rss_kib % 1024) * 10 / 1024 )) MiB (peak ${hwm_kib} KiB)"
