#!/usr/bin/env bash
# Issue 5 benchmark, on PostgreSQL, in one run:
#  1. `wksbm-api seed-synthetic` fills a fresh database: 933 padukuhan (each with a
#     WKSBM) and 100,000 PPKS (deterministic, seed 1).
#  2. Import throughput: POST /api/v1/ppks/impor (commit) of IMPORT_ROWS new people,
#     against psql \copy of the same file into a plain table (the baseline).
#  3. Search with CONNECTIONS clients: by full name (q=) and by NIK (nik=), against the
#     public wilayah read on the same server (the baseline).
# Usage: scripts/bench_registers.sh [SECONDS=10] [CONNECTIONS=32] [IMPORT_ROWS=20000]
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${WKSBM_CARGO_TARGET_DIR:-$HOME/.cache/wksbm/target}"
dur="${1:-10}"; conns="${2:-32}"; rows="${3:-20000}"
pg="${WKSBM_BENCH_PG:-postgres://postgres@127.0.0.1:5432}"
db=wksbm_bench
cargo build --release -q -p wksbm-api -p wksbm-tests --bin wksbm-api --bin loadgen
bin="$CARGO_TARGET_DIR/release"
work="$(mktemp -d)"; pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
psql "$pg/postgres" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
common=(--database-url "$pg/$db" --data-dir "$work/data" --log warn)

echo "== seed-synthetic (933 padukuhan, 100,000 PPKS)"
"$bin/wksbm-api" "${common[@]}" seed-synthetic --seed 1 --sample "$work/sample.tsv"
# Statistics as autovacuum would leave them after a bulk load.
psql "$pg/$db" -qc "ANALYZE"

port=18291; base="http://127.0.0.1:$port"; password="bench-admin-password-1"
"$bin/wksbm-api" "${common[@]}" --port "$port" --admin-password "$password" &
pid=$!
for _ in $(seq 1 200); do curl -fsS "$base/health/ready" >/dev/null 2>&1 && break; sleep 0.1; done
json() { python3 -c "import sys,json; d=json.load(sys.stdin); print($1)"; }
token=$(curl -fsS "$base/api/v1/auth/login" -H 'content-type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$password\"}" | json "d['access_token']")
padukuhan=$(curl -fsS "$base/api/v1/kalurahan/34.02.01.2001/padukuhan?page_size=1" \
  -H "authorization: Bearer $token" | json "d['items'][0]['id']")

echo "== import: $rows rows through the API against psql \\copy"
python3 - "$rows" "$work/import.csv" <<'PY'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w") as f:
    f.write("nik,nama,rt,rw,jenis_ppks\n")
    for i in range(n):
        # Jawa Timur (35): never among the seeded 34.02 NIK; day 01-28, serial from i.
        day, month, year, serial = 1 + i % 28, 1 + (i // 28) % 12, 40 + (i // 336) % 60, 1 + i // 20160
        f.write(f"350101{day:02}{month:02}{year:02}{serial:04},Warga Impor {i},{1 + i % 9:02},01,PPKS-24\n")
PY
t_api=$(curl -fsS -o "$work/import.json" -w '%{time_total}' -X POST \
  "$base/api/v1/ppks/impor?padukuhan_id=$padukuhan&dry_run=false" \
  -H "authorization: Bearer $token" -H 'content-type: text/csv' --data-binary @"$work/import.csv")
committed=$(json "d['committed'], d['new']" < "$work/import.json")
psql "$pg/$db" -qc "CREATE TABLE bench_copy (nik text, nama text, rt text, rw text, jenis_ppks text)"
t0=$(date +%s.%N)
psql "$pg/$db" -qc "\\copy bench_copy FROM '$work/import.csv' CSV HEADER"
t1=$(date +%s.%N)
psql "$pg/$db" -qc "DROP TABLE bench_copy"
awk -v n="$rows" -v a="$t_api" -v s="$t0" -v e="$t1" -v c="$committed" 'BEGIN {
  api = n / a; copy = n / (e - s);
  printf "import (committed, new = %s): %.0f rows/s in %.2f s; psql \\copy %.0f rows/s; ratio %.3f\n", c, api, a, copy, api / copy }'

echo "== search with $conns clients for ${dur}s (requests/s p50_ms p99_ms errors)"
python3 - "$work/sample.tsv" "$base" "$work" <<'PY'
import sys, urllib.parse
sample, base, work = sys.argv[1], sys.argv[2], sys.argv[3]
rows = [l.rstrip("\n").split("\t") for l in open(sample) if l.strip()]
with open(f"{work}/by_name.txt", "w") as f:
    for nik, name in rows:
        f.write(f"{base}/api/v1/ppks?q={urllib.parse.quote(name)}&page_size=20\n")
with open(f"{work}/by_nik.txt", "w") as f:
    for nik, name in rows:
        f.write(f"{base}/api/v1/ppks?nik={nik}\n")
PY
"$bin/loadgen" "$base/api/v1/wilayah/34.02.01.2001" "$conns" 2 >/dev/null
read -r w_rps w_p50 w_p99 w_err < <("$bin/loadgen" "$base/api/v1/wilayah/34.02.01.2001" "$conns" "$dur")
read -r n_rps n_p50 n_p99 n_err < <("$bin/loadgen" "@$work/by_name.txt" "$conns" "$dur" "$token")
read -r k_rps k_p50 k_p99 k_err < <("$bin/loadgen" "@$work/by_nik.txt" "$conns" "$dur" "$token")
# Unloaded latency: one client, so the time is the request's own, not the queue's.
read -r n1_rps n1_p50 n1_p99 n1_err < <("$bin/loadgen" "@$work/by_name.txt" 1 "$dur" "$token")
echo "baseline wilayah read:  $w_rps req/s  p50 $w_p50 ms  p99 $w_p99 ms  errors $w_err"
echo "search by name:         $n_rps req/s  p50 $n_p50 ms  p99 $n_p99 ms  errors $n_err"
echo "search by NIK:          $k_rps req/s  p50 $k_p50 ms  p99 $k_p99 ms  errors $k_err"
echo "search by name, 1 client: $n1_rps req/s  p50 $n1_p50 ms  p99 $n1_p99 ms  errors $n1_err"
awk -v a="$n_rps" -v b="$k_rps" -v w="$w_rps" 'BEGIN {printf "ratios to the wilayah read: name %.3f, NIK %.3f\n", a / w, b / w}'
