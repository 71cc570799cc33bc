#!/usr/bin/env bash
# Issue 2 benchmark: GET /api/v1/wilayah/{code} on the real server (SQLite, all
# middleware) against a bare actix-web JSON endpoint of the same size, loaded with wrk in
# the same run at the same concurrency. Also start-up time to ready and idle RSS.
# Usage: scripts/bench.sh [DURATION_SECONDS=10] [CONNECTIONS=32]
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${WKSBM_CARGO_TARGET_DIR:-$HOME/.cache/wksbm/target}"
dur="${1:-10}"; conns="${2:-32}"
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 1; }
cargo build --release -q -p wksbm-api -p wksbm-tests --bin wksbm-api --bin bare-json
bin="$CARGO_TARGET_DIR/release"
work="$(mktemp -d)"; pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT

ms() { date +%s%3N; }
wait_ok() { for _ in $(seq 1 400); do curl -fsS "$1" >/dev/null 2>&1 && return 0; sleep 0.025; done; return 1; }
rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

# Start-up to ready: a fresh database (migrations + reference data), then a restart.
t0=$(ms); "$bin/wksbm-api" --port 18181 --data-dir "$work/data" --log warn & pid=$!
wait_ok http://127.0.0.1:18181/health/ready; cold=$(( $(ms) - t0 )); kill "$pid"; wait "$pid" 2>/dev/null || true
t0=$(ms); "$bin/wksbm-api" --port 18181 --data-dir "$work/data" --log warn & pid=$!; pids+=("$pid")
wait_ok http://127.0.0.1:18181/health/ready; warm=$(( $(ms) - t0 ))
# A second server at the default log level, to price the per-request access log.
"$bin/wksbm-api" --port 18183 --data-dir "$work/data" --log info 2>"$work/info.log" & pids+=("$!")
wait_ok http://127.0.0.1:18183/health/ready
"$bin/bare-json" 18182 & bare=$!; pids+=("$bare")
wait_ok http://127.0.0.1:18182/bare/34.02.01.2001
sleep 1
rss_api=$(rss_kib "$pid"); rss_bare=$(rss_kib "$bare")

load() { # URL -> "req/s p50 p99"
  wrk -t2 -c"$conns" -d"${dur}s" --latency "$1" >"$work/wrk.txt"
  awk '/Requests\/sec/ {rps=$2} $1=="50%" {p50=$2} $1=="99%" {p99=$2} END {print rps, p50, p99}' "$work/wrk.txt"
}
# Warm both, then measure alternately so that machine noise hits both alike.
wrk -t2 -c"$conns" -d2s http://127.0.0.1:18182/bare/34.02.01.2001 >/dev/null
wrk -t2 -c"$conns" -d2s http://127.0.0.1:18181/api/v1/wilayah/34.02.01.2001 >/dev/null
read -r b_rps b_p50 b_p99 < <(load http://127.0.0.1:18182/bare/34.02.01.2001)
read -r a_rps a_p50 a_p99 < <(load http://127.0.0.1:18181/api/v1/wilayah/34.02.01.2001)
read -r i_rps i_p50 i_p99 < <(load http://127.0.0.1:18183/api/v1/wilayah/34.02.01.2001)
ratio=$(awk -v a="$a_rps" -v b="$b_rps" 'BEGIN {printf "%.2f", a / b}')
ratio_info=$(awk -v a="$i_rps" -v b="$b_rps" 'BEGIN {printf "%.2f", a / b}')

echo "wrk: $conns connections, ${dur}s, 2 threads; server workers = cores ($(nproc))"
printf '| endpoint | req/s | p50 | p99 |\n|---|---|---|---|\n'
printf '| bare actix-web JSON (baseline) | %s | %s | %s |\n' "$b_rps" "$b_p50" "$b_p99"
printf '| GET /api/v1/wilayah/34.02.01.2001 (--log warn) | %s | %s | %s |\n' "$a_rps" "$a_p50" "$a_p99"
printf '| GET /api/v1/wilayah/34.02.01.2001 (--log info, default: one access-log line per request) | %s | %s | %s |\n' "$i_rps" "$i_p50" "$i_p99"
echo "throughput ratio wilayah/bare: $ratio with --log warn, $ratio_info with --log info (target >= 0.60)"
echo "start-up to ready: fresh database ${cold} ms, restart ${warm} ms"
echo "idle RSS: wksbm-api ${rss_api} KiB, bare-json ${rss_bare} KiB"
