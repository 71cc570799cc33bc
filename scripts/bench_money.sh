#!/usr/bin/env bash
# Issue 6 benchmark, on PostgreSQL, in one run:
#  1. pgbench's built-in TPC-B-like transaction (scale 1) with CONNECTIONS clients: the
#     baseline (the mean of a run before 2-3 and one right after them).
#  2. Ledger entries through the API (POST /buku-kas, an income to `umum`) with the same
#     number of clients.
#  3. Disbursements through the API (POST …/penerima/{id}/salurkan), each recipient once,
#     with the same number of clients (the rate counts only 2xx answers).
#  4. The period report (GET /laporan, one year) of a WKSBM with 100,000 entries: one
#     client (its own latency) and CONNECTIONS clients.
# Usage: scripts/bench_money.sh [SECONDS=10] [CONNECTIONS=32]
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${WKSBM_CARGO_TARGET_DIR:-$HOME/.cache/wksbm/target}"
dur="${1:-10}"; conns="${2:-32}"
pg="${WKSBM_BENCH_PG:-postgres://postgres@127.0.0.1:5432}"
db=wksbm_bench_money; pgb=wksbm_bench_pgbench
cargo build --release -q -p wksbm-api -p wksbm-tests --bin wksbm-api --bin loadgen
bin="$CARGO_TARGET_DIR/release"
work="$(mktemp -d)"; pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
for d in "$db" "$pgb"; do
  psql "$pg/postgres" -qc "DROP DATABASE IF EXISTS $d WITH (FORCE)" -c "CREATE DATABASE $d"
done

echo "== pgbench TPC-B-like, scale 1, $conns clients, ${dur}s (the baseline; again after the API runs)"
pgbench -q -i -s 1 "$pg/$pgb" >/dev/null 2>&1
pgbench_run() {
  pgbench -n -c "$conns" -j 2 -T "$dur" "$pg/$pgb" > "$work/pgbench.txt" 2>&1
  awk '/^tps = / {print $3; exit}' "$work/pgbench.txt"
}
tps1=$(pgbench_run)
echo "pgbench before: $tps1 tps"

port=18391; base="http://127.0.0.1:$port"; password="bench-admin-password-1"
"$bin/wksbm-api" --database-url "$pg/$db" --data-dir "$work/data" --log warn --port "$port" \
  --admin-password "$password" &
pid=$!
for _ in $(seq 1 200); do curl -fsS "$base/health/ready" >/dev/null 2>&1 && break; sleep 0.1; done

echo "== setting up a legalised WKSBM, 1,000 people and 32 approved rounds of 1,000 recipients"
python3 - "$base" "$password" "$work" <<'PY'
import json, sys, urllib.request
base, password, work = sys.argv[1], sys.argv[2], sys.argv[3]
def call(method, path, token=None, body=None):
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode())
    req.add_header("content-type", "application/json")
    if token:
        req.add_header("authorization", "Bearer " + token)
    with urllib.request.urlopen(req) as r:
        text = r.read()
        return json.loads(text) if text else None
def login(u, p):
    return call("POST", "/api/v1/auth/login", body={"username": u, "password": p})["access_token"]
admin = login("admin", password)
k = "34.02.01.2001"
call("POST", "/api/v1/users", admin, {"username": "bench.lurah", "password": "bench-lurah-pass-1", "name": "Lurah", "role": "kalurahan", "wilayah_code": k})
lurah = login("bench.lurah", "bench-lurah-pass-1")
p = call("POST", f"/api/v1/kalurahan/{k}/padukuhan", lurah, {"name": "Bench"})
w = call("POST", "/api/v1/wksbm", lurah, {"padukuhan_id": p["id"], "name": "WKSBM Bench"})
b = f"/api/v1/wksbm/{w['id']}"
for s in ["koordinasi_lurah", "koordinasi_keperangkatan", "persiapan_administrasi", "sosialisasi", "pembentukan_kepengurusan"]:
    call("POST", f"{b}/tahapan/{s}", lurah, {"date": "2026-01-02"})
tokens = {}
for pos in ["ketua", "sekretaris", "bendahara"]:
    seat = call("POST", f"{b}/pengurus", lurah, {"jabatan": pos, "holder_name": f"Bench {pos}", "term_start": "2026-01-01"})
    call("POST", f"{b}/pengurus/{seat['id']}/akun", lurah, {"username": f"bench.{pos}", "password": "bench-board-pass-1"})
    tokens[pos] = login(f"bench.{pos}", "bench-board-pass-1")
call("POST", f"{b}/pengesahan", lurah, {"sk": {"number": "1/2026", "date": "2026-01-03", "signed_by": "Lurah"}})
funds = {f["kind"]: f["id"] for f in call("GET", f"{b}/dana", tokens["bendahara"])["items"]}
call("POST", f"{b}/buku-kas", tokens["bendahara"], {"fund_id": funds["umum"], "date": "2026-01-04", "direction": "masuk", "amount": 10**12, "unit": "rupiah", "method": "lainnya", "description": "Saldo awal"})
people = []
for i in range(1000):
    nik = f"340201{1 + i % 28:02}{1 + (i // 28) % 12:02}{40 + i % 50:02}{1 + i:04}"
    people.append(call("POST", "/api/v1/ppks", admin, {"padukuhan_id": p["id"], "nik": nik, "name": f"Penerima {i}", "types": ["PPKS-24"], "lawful_basis": "tugas_publik"})["id"])
rapat = call("POST", f"{b}/rapat", tokens["sekretaris"], {"date": "2026-01-05", "place": "Balai", "agenda": "Penyaluran", "decisions": [{"text": "Setuju", "outcome": "disetujui"}]})
urls = []
# 32,000 payments: more than the API makes in the run, as each is posted once.
for r in range(32):
    rnd = call("POST", f"{b}/penyaluran", tokens["sekretaris"], {"name": f"Putaran {r}", "tahap": 1 + r, "category": "pencegahan", "fund_id": funds["umum"], "planned_date": "2026-02-01", "recipients": [{"ppks_id": x, "amount": 1000, "reason": "Bench"} for x in people]})
    call("POST", f"{b}/penyaluran/{rnd['id']}/ajukan", tokens["sekretaris"], {})
    ok = call("POST", f"{b}/penyaluran/{rnd['id']}/setujui", tokens["ketua"], {"rapat_id": rapat["id"], "decision_number": 1})
    urls += [f"{base}{b}/penyaluran/{rnd['id']}/penerima/{x['id']}/salurkan" for x in ok["recipients"]]
open(f"{work}/disburse.txt", "w").write("\n".join(urls) + "\n")
json.dump({"date": "2026-03-01", "received_by": "Penerima"}, open(f"{work}/handover.json", "w"))
json.dump({"fund_id": funds["umum"], "date": "2026-03-01", "direction": "masuk", "amount": 1000, "unit": "rupiah", "method": "lainnya", "description": "Bench"}, open(f"{work}/entry.json", "w"))
open(f"{work}/base", "w").write(b)
open(f"{work}/bendahara", "w").write(tokens["bendahara"])
open(f"{work}/wksbm", "w").write(w["id"])
open(f"{work}/umum", "w").write(funds["umum"])
PY
# Statistics as autovacuum would leave them after the set-up.
psql "$pg/$db" -qc "ANALYZE"
b=$(cat "$work/base"); tok=$(cat "$work/bendahara")

echo "== ledger entries and disbursements through the API, $conns clients, ${dur}s (requests/s p50_ms p99_ms errors)"
read -r e_rps e_p50 e_p99 e_err < <("$bin/loadgen" "$base$b/buku-kas" "$conns" "$dur" "$tok" "$work/entry.json")
read -r d_rps d_p50 d_p99 d_err < <("$bin/loadgen" "@$work/disburse.txt" "$conns" "$dur" "$tok" "$work/handover.json")
echo "ledger entries: $e_rps/s  p50 $e_p50 ms  p99 $e_p99 ms  errors $e_err"
echo "disbursements:  $d_rps/s  p50 $d_p50 ms  p99 $d_p99 ms  errors $d_err"
# pgbench's rate drifts with the machine (1,150-1,800 tps here on one day): the baseline
# is the mean of a run before and a run right after the API's.
tps2=$(pgbench_run)
tps=$(awk -v a="$tps1" -v b="$tps2" 'BEGIN { printf "%.0f", (a + b) / 2 }')
echo "pgbench after: $tps2 tps; baseline (mean) $tps tps"
awk -v e="$e_rps" -v d="$d_rps" -v t="$tps" 'BEGIN { printf "ratio to pgbench: entries %.2f, disbursements %.2f (target >= 0.5)\n", e / t, d / t }'

echo "== the period report of a WKSBM with 100,000 entries"
# The entries are written by SQL (through the API it would take minutes): spread over
# 2026, every income method and expense category, receipt numbers above the API's.
w=$(cat "$work/wksbm"); umum=$(cat "$work/umum")
psql "$pg/$db" -q <<SQL
INSERT INTO buku_kas (id, wksbm_id, fund_id, date, direction, amount, balance_after, method, category,
  description, receipt_year, receipt_seq, receipt_no, created_by, created_at)
SELECT gen_random_uuid()::text, '$w', '$umum', DATE '2026-01-01' + (i % 365),
  CASE WHEN i % 3 = 0 THEN 'keluar' ELSE 'masuk' END, 1000 + i % 5000, 0,
  CASE WHEN i % 3 = 0 THEN NULL ELSE (ARRAY['usaha','kerja_sama','barang_bekas','lainnya'])[1 + i % 4] END,
  CASE WHEN i % 3 = 0 THEN (ARRAY['operasional','kegiatan'])[1 + i % 2] ELSE NULL END,
  'Bench', 2026, 10000000 + i, 'bench-' || i, '$w', now()
FROM generate_series(1, 100000) AS i;
UPDATE dana SET balance = (SELECT SUM(CASE WHEN direction = 'masuk' THEN amount ELSE -amount END) FROM buku_kas WHERE fund_id = '$umum') WHERE id = '$umum';
VACUUM ANALYZE buku_kas;
-- The daily sums took 100,000 updates in one transaction: what autovacuum does next.
VACUUM ANALYZE buku_kas_daily;
SQL
count=$(psql "$pg/$db" -tAc "SELECT count(*) FROM buku_kas WHERE wksbm_id = '$w'")
report="$base$b/laporan?from=2026-01-01&to=2026-12-31"
"$bin/loadgen" "$report" 1 2 "$tok" >/dev/null
read -r r1_rps r1_p50 r1_p99 r1_err < <("$bin/loadgen" "$report" 1 "$dur" "$tok")
read -r rn_rps rn_p50 rn_p99 rn_err < <("$bin/loadgen" "$report" "$conns" "$dur" "$tok")
echo "report over $count entries, 1 client:  $r1_rps/s  p50 $r1_p50 ms  p99 $r1_p99 ms  errors $r1_err"
echo "report over $count entries, $conns clients: $rn_rps/s  p50 $rn_p50 ms  p99 $rn_p99 ms  errors $rn_err"
