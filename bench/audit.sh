#!/usr/bin/env bash
# Audit benchmark: audit append throughput with the hash chain, and verify time for 100,000 events.
#
# Starts the packaged jar on a fresh embedded PostgreSQL (target/bench-audit-pg), then:
#  1. wrk drives POST /api/v1/themes (each create = draft row + version row + one chained audit event, one
#     transaction) for $BENCH_SECONDS with $BENCH_CONNECTIONS connections: events/s = new events / seconds.
#     This is the whole write path, so it bounds the audit append rate from below.
#  2. keeps creating until the trail holds $BENCH_EVENTS events (default 100,000);
#  3. hyperfine times GET /api/v1/audit/verify (reads and re-hashes every event) over 5 runs.
# Output: markdown on stdout. Needs java, curl, jq, openssl, wrk, hyperfine (Debian packages).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_RUN="${BENCH_SECONDS:-30}"
CONNS="${BENCH_CONNECTIONS:-32}"
TARGET="${BENCH_EVENTS:-100000}"
DATA=target/bench-audit-pg
WORK="$(mktemp -d)"
APP_PID=""
source bench/lib.sh
cleanup() { bench_stop_app; rm -rf "$WORK"; }
trap cleanup EXIT INT TERM

bench_ensure_jar
rm -rf "$DATA"

TOKEN=$(bench_token "$WORK" '["theme-editor","auditor"]')

bench_start_app --health /q/health/live --timeout 60 --poll 0.5 \
    CXONE_SIMULATOR=true MP_JWT_VERIFY_PUBLICKEY_LOCATION="file:$WORK/public.pem" MP_JWT_VERIFY_ISSUER=bench \
    -- -Dapp.embedded-db.dir="$DATA"
BASE="$APP_BASE"

cat >"$WORK/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $TOKEN"
wrk.body = '{"name":"Bench","backgroundColor":"#1A1A1A","primaryColor":"#00E676","font":{"family":"Inter","sizePx":14,"weight":500,"color":"#FFFFFF"},"buttons":[{"label":"Start Chat","color":"#00E676","textColor":"#000000","position":"center"}],"borderRadiusPx":8,"maxWidthPx":360}'
LUA
events() { curl -fs -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/audit?size=1" | jq .totalItems; }

wrk -t2 -c8 -d5s -s "$WORK/post.lua" "$BASE/api/v1/themes" >/dev/null   # warm-up (JIT, pool)
before=$(events)
wrk -t2 -c"$CONNS" -d"${SECONDS_RUN}s" -s "$WORK/post.lua" "$BASE/api/v1/themes" >"$WORK/wrk.txt"
after=$(events)
rate=$(awk -v n=$((after - before)) -v s="$SECONDS_RUN" 'BEGIN { printf "%.0f", n / s }')
non2xx=$(grep -o 'Non-2xx or 3xx responses: [0-9]*' "$WORK/wrk.txt" | grep -o '[0-9]*$' || echo 0)
latency=$(grep -m1 'Latency' "$WORK/wrk.txt" | awk '{print $2 " avg, " $4 " max"}')

while [[ $(events) -lt $TARGET ]]; do
    missing=$((TARGET - $(events)))
    wrk -t2 -c"$CONNS" -d"$(( missing / (rate > 0 ? rate : 100) + 2 ))s" -s "$WORK/post.lua" "$BASE/api/v1/themes" >/dev/null
done
total=$(events)
verdict=$(curl -fs -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/audit/verify")
hyperfine -w 1 -r 5 --export-json "$WORK/hf.json" \
    "curl -fs -o /dev/null -H 'Authorization: Bearer $TOKEN' $BASE/api/v1/audit/verify" >/dev/null
mean=$(jq '.results[0].mean' "$WORK/hf.json"); min=$(jq '.results[0].min' "$WORK/hf.json"); max=$(jq '.results[0].max' "$WORK/hf.json")

echo "| measure | result | target |"
echo "|---|---:|---:|"
echo "| audit events appended per second (POST /api/v1/themes, ${CONNS} connections, ${SECONDS_RUN} s) | ${rate} | ≥ 1,000 |"
echo "| non-2xx responses during that run | ${non2xx} | 0 |"
echo "| request latency (wrk) | ${latency} | |"
printf '| verify of %s events, mean of 5 (min–max) | %.2f s (%.2f–%.2f s) | ≤ 5 s |\n' "$total" "$mean" "$min" "$max"
echo "| verify verdict | \`$(echo "$verdict" | jq -c .)\` | valid |"
