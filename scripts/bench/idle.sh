#!/usr/bin/env bash
# Idle cost of the daemon: RSS after start-up settles, and CPU time consumed over an idle
# window (default 60 s; IDLE_SECONDS=N to change). Reads /proc, so Linux only.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
seconds=${IDLE_SECONDS:-60}

start_daemon
pid=$(daemon_pid)
sleep 1
ticks=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
before=$(cpu_ticks)
sleep "$seconds"
after=$(cpu_ticks)
rss_kib=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
hwm_kib=$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status")
cpu_ms=$(( (after - before) * 1000 / ticks ))
echo "idle daemon: rss=$((rss_kib / 1024)).$(( (rss_kib % 1024) * 10 / 1024 )) MiB (peak ${hwm_kib} KiB)" \
     "cpu over ${seconds}s idle = ${cpu_ms} ms"
