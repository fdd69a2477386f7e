#!/usr/bin/env bash
# Token benchmark: how many OAuth token requests does the service make to CXone when N concurrent
# cold callers arrive at once? Target: 1 for every N.
#
# For each N in $BENCH_NS (default "1 10 100 1000") the packaged jar is started afresh (empty token cache)
# against the built-in CXone simulator, the simulator is reset, N concurrent GETs are fired at
# /api/v1/widgets/bench-$i/assignments, and the simulator's tokensIssued counter is read back.
# Each start takes a free port on 127.0.0.1. Output: a markdown table on stdout.
set -euo pipefail

cd "$(dirname "$0")/.."
NS="${BENCH_NS:-1 10 100 1000}"
PAR="${BENCH_PARALLEL:-200}"        # curl processes in flight at once (xargs -P)
LATENCY="${BENCH_LATENCY_MS:-0}"    # simulator latency on every CXone call, the token endpoint included

WORK="$(mktemp -d)"
APP_PID=""
source bench/lib.sh
stop_app() { bench_stop_app; }
cleanup() { stop_app; rm -rf "$WORK"; }
trap cleanup EXIT INT TERM

bench_ensure_jar

# ---- a throw-away key pair and one bearer token (bench/lib.sh) ----
TOKEN=$(bench_token "$WORK" '["theme-viewer","simulator-admin"]')
ADMIN_AUTH="Authorization: Bearer $TOKEN"

start_app() {
    bench_start_app --log "$WORK/app-$1.log" --health /q/health/live --timeout 60 --poll 0.5 \
        CXONE_SIMULATOR=true MP_JWT_VERIFY_PUBLICKEY_LOCATION="file:$WORK/public.pem" MP_JWT_VERIFY_ISSUER=bench \
        CXONE_SIMULATOR_LATENCY_MS="$LATENCY"
    BASE="$APP_BASE"
}

# every POST /oauth/token the simulator saw, whatever its status
token_calls() {
    curl -fs -H "$ADMIN_AUTH" "$BASE/simulator/admin/stats" | grep -o '"POST /oauth/token":{[^}]*}' | grep -o ':[0-9]*' \
        | tr -d : | awk '{ s += $1 } END { print s + 0 }'
}
tokens_issued() { curl -fs -H "$ADMIN_AUTH" "$BASE/simulator/admin/stats" | grep -o '"tokensIssued":[0-9]*' | cut -d: -f2; }

echo "simulator latency ${LATENCY} ms, xargs -P ${PAR}" >&2
printf '| N | token requests | non-200 | wall time |\n|---:|---:|---:|---:|\n'
for n in $NS; do
    start_app "$n"
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "$ADMIN_AUTH" -X POST "$BASE/simulator/admin/reset")
    [[ "$code" == 204 ]] || { echo "reset answered $code" >&2; exit 1; }
    before=$(tokens_issued)
    export BASE TOKEN
    t0=$(date +%s.%N)
    seq 1 "$n" | xargs -P "$PAR" -I{} \
        curl -s -o /dev/null -w '%{http_code}\n' --max-time 30 \
            -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/widgets/bench-{}/assignments" \
        >"$WORK/codes-$n.txt" || true
    t1=$(date +%s.%N)
    issued=$(tokens_issued)
    calls=$(token_calls)
    answered=$(wc -l <"$WORK/codes-$n.txt")
    non200=$(( n - $(grep -c '^200$' "$WORK/codes-$n.txt" || true) ))
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f s", b - a }')
    printf '| %d | %d | %d | %s |\n' "$n" "$calls" "$non200" "$wall"
    {
        echo "N=$n: tokensIssued before burst=$before after=$issued, POST /oauth/token calls=$calls, answers=$answered, statuses:"
        sort "$WORK/codes-$n.txt" | uniq -c | sed 's/^/    /'
        echo "    simulator stats: $(curl -fs -H "$ADMIN_AUTH" "$BASE/simulator/admin/stats")"
    } >&2
    stop_app
done
