#!/usr/bin/env bash
# Issue 3 benchmark: authenticated GET /api/v1/auth/me against the unauthenticated
# GET /api/v1/wilayah/{code}, same server, same run, same concurrency (wrk); login
# throughput through the Argon2id semaphore; peak RSS during a burst of 200 concurrent
# logins. Usage: scripts/bench_auth.sh [DURATION_SECONDS=10] [CONNECTIONS=32]
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${WKSBM_CARGO_TARGET_DIR:-$HOME/.cache/wksbm/target}"
dur="${1:-10}"; conns="${2:-32}"
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 1; }
cargo build --release -q -p wksbm-api --bin wksbm-api
bin="$CARGO_TARGET_DIR/release/wksbm-api"
work="$(mktemp -d)"; pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
port=18281; base="http://127.0.0.1:$port"
password="bench-admin-password-1"
# Limits raised so that the benchmark measures hashing, not the rate limiter.
"$bin" --port "$port" --data-dir "$work/data" --log warn --admin-password "$password" \
  --login-per-minute 1000000 --login-per-hour 1000000 \
  --login-per-address-per-minute 1000000 --login-per-address-per-hour 1000000 &
pid=$!
for _ in $(seq 1 200); do curl -fsS "$base/health/ready" >/dev/null 2>&1 && break; sleep 0.05; done
token=$(curl -fsS "$base/api/v1/auth/login" -H 'content-type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$password\"}" | python3 -c "import sys,json;print(json.load(sys.stdin)['access_token'])")

load() { # wrk args... -> "req/s p50 p99"
  wrk -t2 -c"$conns" -d"${dur}s" --latency "$@" >"$work/wrk.txt"
  awk '/Requests\/sec/ {rps=$2} $1=="50%" {p50=$2} $1=="99%" {p99=$2} END {print rps, p50, p99}' "$work/wrk.txt"
}
wrk -t2 -c"$conns" -d2s "$base/api/v1/wilayah/34.02.01.2001" >/dev/null
wrk -t2 -c"$conns" -d2s -H "Authorization: Bearer $token" "$base/api/v1/auth/me" >/dev/null
read -r w_rps w_p50 w_p99 < <(load "$base/api/v1/wilayah/34.02.01.2001")
read -r m_rps m_p50 m_p99 < <(load -H "Authorization: Bearer $token" "$base/api/v1/auth/me")
ratio=$(awk -v a="$m_rps" -v b="$w_rps" 'BEGIN {printf "%.2f", a / b}')

# Timing of failures (before the burst, whose queue would delay them): a wrong password for a real account against an unknown account,
# sequential, 20 each (the same work should make them indistinguishable).
fail_ms() {
  local total=0
  for _ in $(seq 1 20); do
    t=$(curl -s -o /dev/null -w '%{time_total}' "$base/api/v1/auth/login" -H 'content-type: application/json' -d "$1")
    total=$(awk -v a="$total" -v b="$t" 'BEGIN {print a + b}')
  done
  awk -v t="$total" 'BEGIN {printf "%.1f", t / 20 * 1000}'
}
wrong_ms=$(fail_ms '{"username":"admin","password":"not-the-password"}')
unknown_ms=$(fail_ms '{"username":"no-such-account","password":"not-the-password"}')

cat >"$work/login.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"username":"admin","password":"$password"}'
wrk.headers["Content-Type"] = "application/json"
LUA
rss_before=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
wrk -t2 -c200 -d"${dur}s" --latency -s "$work/login.lua" "$base/api/v1/auth/login" >"$work/login.txt"
l_rps=$(awk '/Requests\/sec/ {print $2}' "$work/login.txt")
l_p50=$(awk '$1=="50%" {print $2}' "$work/login.txt")
l_p99=$(awk '$1=="99%" {print $2}' "$work/login.txt")
non2xx=$(awk '/Non-2xx/ {print $5}' "$work/login.txt"); non2xx=${non2xx:-0}
peak=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")

echo "wrk: $conns connections, ${dur}s, 2 threads; server workers = cores ($(nproc)), hash concurrency 2"
printf '| endpoint | req/s | p50 | p99 |\n|---|---|---|---|\n'
printf '| GET /api/v1/wilayah/34.02.01.2001 (no token, baseline) | %s | %s | %s |\n' "$w_rps" "$w_p50" "$w_p99"
printf '| GET /api/v1/auth/me (Bearer EdDSA token) | %s | %s | %s |\n' "$m_rps" "$m_p50" "$m_p99"
echo "throughput ratio me/wilayah: $ratio (target >= 0.70)"
echo "login burst, 200 connections: ${l_rps} logins/s, p50 ${l_p50}, p99 ${l_p99}, non-2xx ${non2xx}"
echo "RSS: ${rss_before} KiB before the burst, peak (VmHWM) ${peak} KiB"
echo "failed login, mean of 20: wrong password ${wrong_ms} ms, unknown account ${unknown_ms} ms"
