#!/usr/bin/env bash
# Events across replicas (PostgreSQL LISTEN/NOTIFY): the split deployment on one throw-away PostgreSQL, instance A
# API-only (APP_JOBS=off), instance B the worker (jobs on, the built-in CXone simulator, default scan intervals).
#  (i)  wake: $BENCH_PUBLICATIONS (default 50) publications queued one after the other through A, each awaited before
#       the next; lag = submittedAt - createdAt of each (B claims it, submits it to CXone, stores SUBMITTED). Median,
#       p90, max. They activate after 0.5 s, and (ii) starts once all are ACTIVE.
#  (ii) streams: a publication held at CXone's PENDING (the simulator's activationDelayMs = 10 min; B polls its status
#       every 5 s, APP_PUBLISH_POLL_MIN = _CAP = 5s, so each window holds the same polls), $BENCH_STREAMS (default 20)
#       SSE streams of it open on A: database transactions (sum of pg_stat_database.xact_commit) over $BENCH_WINDOW_S
#       seconds (default 60: statistics reach pg_stat_database up to a few seconds late), given per 10 s; then the same
#       window with the streams closed (the background: scans, lease renewals, status polls, audit checkpoints).
# BENCH_JAR picks the jar (default target/quarkus-app/quarkus-run.jar; e.g. an older build, to compare).
# Needs root (initdb runs as user postgres), Debian's postgresql, java, curl, jq, python3, psql, openssl.
set -euo pipefail

cd "$(dirname "$0")/.."
JAR="${BENCH_JAR:-target/quarkus-app/quarkus-run.jar}"
PUBLICATIONS="${BENCH_PUBLICATIONS:-50}"
STREAMS="${BENCH_STREAMS:-20}"
WINDOW="${BENCH_WINDOW_S:-60}"
WORK="$(mktemp -d)"
APP_PID=""
A_PID=""
B_PID=""
STREAM_PIDS=()
source bench/lib.sh

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -n 1 || true)
[[ -n "$PG_BIN" && -x "$PG_BIN/initdb" ]] || { echo "no PostgreSQL server: apt-get install -y postgresql-15" >&2; exit 2; }
[[ $(id -u) == 0 ]] || { echo "run as root: initdb and pg_ctl run as user postgres through runuser" >&2; exit 2; }
for tool in java curl jq python3 psql openssl; do
    command -v "$tool" > /dev/null || { echo "needs $tool on the PATH" >&2; exit 2; }
done
[[ -n "${BENCH_JAR:-}" ]] || bench_ensure_jar

PGDATA_DIR=$(mktemp -d /tmp/events-bench-pg.XXXXXX)
cleanup() {
    for pid in "${STREAM_PIDS[@]}"; do kill "$pid" 2> /dev/null || true; done
    APP_PID="$A_PID"; bench_stop_app
    APP_PID="$B_PID"; bench_stop_app
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m fast stop > /dev/null 2>&1 || true
    rm -rf "$WORK" "$PGDATA_DIR"
}
trap cleanup EXIT INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# ---- a throw-away database ----------------------------------------------------------------------------------------------
chown postgres "$PGDATA_DIR"
PG_PORT=$(free_port)
runuser -u postgres -- "$PG_BIN/initdb" -D "$PGDATA_DIR" -U bench --auth=trust > /dev/null
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/log" -w \
    -o "-p $PG_PORT -k $PGDATA_DIR -c listen_addresses=127.0.0.1" start > /dev/null
sql() { psql -X -q -t -A -h 127.0.0.1 -p "$PG_PORT" -U bench -d postgres -c "$1"; }

# ---- the two instances ----------------------------------------------------------------------------------------------------
TOKEN=$(bench_token "$WORK" '["theme-editor","theme-publisher","theme-viewer","simulator-admin"]')
AUTH="Authorization: Bearer $TOKEN"
openssl genpkey -algorithm ed25519 -out "$WORK/audit-key.pem" 2> /dev/null
openssl pkey -in "$WORK/audit-key.pem" -pubout >> "$WORK/audit-key.pem"

# start_instance NAME PORT VAR=value...: starts the jar on the shared database; prints its pid
start_instance() {
    local name="$1" port="$2"
    shift 2
    # shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
    env "$@" APP_AUDIT_SIGNING_KEY="$WORK/audit-key.pem" \
        MP_JWT_VERIFY_PUBLICKEY_LOCATION="file:$WORK/public.pem" MP_JWT_VERIFY_ISSUER=bench \
        QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$PG_PORT/postgres" \
        QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" \
        QUARKUS_DATASOURCE_USERNAME=bench QUARKUS_DATASOURCE_PASSWORD=unused \
        java ${BENCH_JAVA_OPTS:-} -Dquarkus.http.port="$port" -jar "$JAR" > "$WORK/$name.log" 2>&1 &
    echo $!
}
await_ready() {
    local name="$1" pid="$2" base="$3"
    until curl -sf -o /dev/null "$base/q/health/ready"; do
        kill -0 "$pid" 2> /dev/null || { tail -40 "$WORK/$name.log" >&2; echo "$name exited (log above)" >&2; exit 1; }
        sleep 0.2
    done
}
B_PORT=$(free_port)
B="http://127.0.0.1:$B_PORT"
B_PID=$(start_instance b "$B_PORT" CXONE_SIMULATOR=true APP_JOBS=on APP_PUBLISH_POLL_MIN=5s APP_PUBLISH_POLL_CAP=5s)
await_ready b "$B_PID" "$B"
A_PORT=$(free_port)
A="http://127.0.0.1:$A_PORT"
A_PID=$(start_instance a "$A_PORT" CXONE_BASE_URL="$B/simulator/cxone" APP_JOBS=off)
await_ready a "$A_PID" "$A"
echo "jar $JAR; A (APP_JOBS=off) $A, B (worker) $B, PostgreSQL 127.0.0.1:$PG_PORT; nproc $(nproc), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2

THEME='{"name":"Bench Theme","backgroundColor":"#1A1A1A","primaryColor":"#00E676",
 "font":{"family":"Inter","sizePx":14,"weight":500,"color":"#FFFFFF"},
 "buttons":[{"label":"Start Chat","color":"#00E676","textColor":"#000000","position":"center"}],
 "borderRadiusPx":8,"maxWidthPx":360}'
theme=$(curl -fs -H "$AUTH" -H 'Content-Type: application/json' -d "$THEME" "$A/api/v1/themes" | jq -r .id)
faults() { curl -fs -o /dev/null -X PUT -H "$AUTH" -H 'Content-Type: application/json' -d "$1" "$B/simulator/admin/faults"; }
faults '{"activationDelayMs":500}'

publish() { # publish WIDGET: queued through A; prints the id
    curl -fs -H "$AUTH" -H 'Content-Type: application/json' -d "{\"themeId\":\"$theme\"}" \
        "$A/api/v1/widgets/$1/publications" | jq -r .id
}
await_submitted() { # await_submitted ID: prints the publication once it has submittedAt
    local p
    while true; do
        p=$(curl -fs -H "$AUTH" "$A/api/v1/publications/$1")
        [[ "$(jq -r '.submittedAt // empty' <<< "$p")" != "" ]] && { echo "$p"; return; }
        sleep 0.02
    done
}

# ---- (i) queued on A -> submitted by B ----------------------------------------------------------------------------------
: > "$WORK/lags"
for i in $(seq 1 "$PUBLICATIONS"); do
    id=$(publish "events-bench-$i-$RANDOM")
    await_submitted "$id" | jq -r 'def ms: (sub("\\.[0-9]*Z$"; "Z") | fromdateiso8601) * 1000
        + ((capture("\\.(?<f>[0-9]+)Z$").f // "0") | (. + "000")[0:3] | tonumber);
        (.submittedAt | ms) - (.createdAt | ms)' >> "$WORK/lags"
    sleep 0.$((RANDOM % 5)) # not in step with B's scans
done
sort -n "$WORK/lags" | awk '{ v[NR] = $1 } END { printf "(i) queued on A -> submitted by B, %d publications: median %.3f s, p90 %.3f s, max %.3f s, min %.3f s\n", NR, v[int((NR + 1) / 2)] / 1000, v[int(NR * 0.9)] / 1000, v[NR] / 1000, v[1] / 1000 }'

# ---- (ii) database transactions with SSE streams open on a publication waiting for activation ----------------------
until [[ $(sql "SELECT count(*) FROM publications WHERE state NOT IN ('ACTIVE', 'FAILED')") == 0 ]]; do sleep 0.5; done
faults '{"activationDelayMs":600000}'
id=$(publish events-bench-streams)
await_submitted "$id" > /dev/null
xacts() { sql "SELECT sum(xact_commit) FROM pg_stat_database"; }
window() { # window LABEL: transactions over $WINDOW s, per 10 s
    local x0 x1
    sleep 2 # the statistics of what came before have reached pg_stat_database
    x0=$(xacts)
    sleep "$WINDOW"
    x1=$(xacts)
    awk -v l="$1" -v d="$((x1 - x0 - 1))" -v w="$WINDOW" \
        'BEGIN { printf "(ii) %s: %d transactions in %d s = %.0f per 10 s\n", l, d, w, d * 10 / w }'
}
for _ in $(seq 1 "$STREAMS"); do
    curl -sN -H "$AUTH" -H 'Accept: text/event-stream' "$A/api/v1/publications/$id/events" >> "$WORK/streams.out" &
    STREAM_PIDS+=($!)
done
until [[ $(grep -c '^data:' "$WORK/streams.out" 2> /dev/null || true) -ge "$STREAMS" ]]; do sleep 0.2; done
window "$STREAMS streams open on A"
for pid in "${STREAM_PIDS[@]}"; do
    kill -0 "$pid" 2> /dev/null || { echo "a stream ended early: $(tail -3 "$WORK/streams.out")" >&2; exit 1; }
    kill "$pid"
done
STREAM_PIDS=()
window "no stream open (background)"
state=$(curl -fs -H "$AUTH" "$A/api/v1/publications/$id" | jq -r .state)
echo "(the publication was still $state at the end)"
