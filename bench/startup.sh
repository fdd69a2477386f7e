#!/usr/bin/env bash
# Start time and memory of the packaged service, three ways, on one jar and one database:
#   jdk17         the JDK 17 on the PATH, plain
#   jdk17-appcds  the same JDK with the AppCDS archive Quarkus builds (quarkus.package.jar.appcds.enabled)
#   jdk25-aot     Temurin 25 with a JDK 25 AOT cache (JEP 514/515), trained here by starting the jar with
#                 -XX:AOTCacheOutput and sending it the same validate requests, then stopping it
# For each: BENCH_RUNS starts (default 5); per start, the time from exec to the first 200 of /q/health/ready, RSS at
# that moment and RSS after BENCH_REQUESTS (default 10,000) POST /api/v1/themes/validate (ab, 8 at a time).
# Every JVM runs with the container image's exact flags (the JAVA_TOOL_OPTIONS line of src/main/docker/Dockerfile.jvm,
# passed on the command line so that no "Picked up" line mixes into the log) plus -XX:MaxRAM=512m, which makes the
# heap ergonomics those of a 512 MiB pod on this larger host.
#
#   bash bench/startup.sh                   # needs root (apt for PostgreSQL and ab, initdb as user postgres)
#   BENCH_RUNS=3 BENCH_REQUESTS=2000 bash bench/startup.sh
#
# Prints a table and one line per mode for scripts:
#   mode=<jdk17|jdk17-appcds|jdk25-aot> first200_ms_median=<n> rss_mb_after=<n>
# Builds what it needs into target/startup-bench and removes its database and processes on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

RUNS="${BENCH_RUNS:-5}"
REQUESTS="${BENCH_REQUESTS:-10000}"
JDK25="${BENCH_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
WORK="$(pwd)/target/startup-bench"
IMAGE_FLAGS=$(sed -n 's/^ENV JAVA_TOOL_OPTIONS="\(.*\)"$/\1/p' src/main/docker/Dockerfile.jvm)
[[ -n "$IMAGE_FLAGS" ]] || { echo "no ENV JAVA_TOOL_OPTIONS line in src/main/docker/Dockerfile.jvm" >&2; exit 1; }
read -r -a MEMORY <<< "-XX:MaxRAM=512m $IMAGE_FLAGS"
APP_PID=""
PGDATA_DIR=""

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }
rss_mb() { awk '/^VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }

cleanup() {
    bench_stop_app
    if [[ -n "$PGDATA_DIR" ]]; then
        runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m immediate stop > /dev/null 2>&1 || true
        rm -rf "$PGDATA_DIR"
    fi
}
trap cleanup EXIT

# ---- tools: PostgreSQL server and ab --------------------------------------------------------------------------------
missing=()
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -n 1 || true)
[[ -n "$PG_BIN" && -x "$PG_BIN/initdb" ]] || missing+=(postgresql-15)
command -v ab > /dev/null || missing+=(apache2-utils)
if (( ${#missing[@]} )); then
    echo "installing ${missing[*]}" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" > /dev/null
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
[[ -x "$JDK25/bin/java" ]] || { echo "no JDK 25 at $JDK25 (set BENCH_JDK25)" >&2; exit 1; }

# ---- one throw-away database for every run ----------------------------------------------------------------------------
mkdir -p "$WORK"
PGDATA_DIR=$(mktemp -d /tmp/startup-bench-pg.XXXXXX)
chown postgres "$PGDATA_DIR"
PG_PORT=$(free_port)
runuser -u postgres -- "$PG_BIN/initdb" -D "$PGDATA_DIR" -U bench --auth=trust > /dev/null
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/log" -w \
    -o "-p $PG_PORT -k $PGDATA_DIR -c listen_addresses=127.0.0.1" start > /dev/null

TOKEN=$(bench_token "$WORK" '["theme-viewer"]')
# the theme the other benchmarks use (bench/publish-lag.sh): valid, a few fields of every kind
cat > "$WORK/theme.json" <<'JSON'
{"name":"Bench Theme","backgroundColor":"#1A1A1A","primaryColor":"#00E676",
 "font":{"family":"Inter","sizePx":14,"weight":500,"color":"#FFFFFF"},
 "buttons":[{"label":"Start Chat","color":"#00E676","textColor":"#000000","position":"center"}],
 "borderRadiusPx":8,"maxWidthPx":360}
JSON

# ---- the jar, with its AppCDS archive, and the JDK 25 AOT cache ------------------------------------------------------
echo "building the jar with its AppCDS archive (JDK 17) ..." >&2
./mvnw -B -q package -DskipTests -Dquarkus.package.jar.appcds.enabled=true
APP=target/quarkus-app
[[ -f "$APP/app-cds.jsa" ]] || { echo "no $APP/app-cds.jsa after the AppCDS build" >&2; exit 1; }

export MP_JWT_VERIFY_PUBLICKEY_LOCATION="file:$WORK/public.pem" MP_JWT_VERIFY_ISSUER=bench
export QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$PG_PORT/postgres"
export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres"
export QUARKUS_DATASOURCE_USERNAME=bench QUARKUS_DATASOURCE_PASSWORD=unused
export CXONE_SIMULATOR=true
openssl genpkey -algorithm ed25519 -out "$WORK/audit-key.pem" 2> /dev/null
openssl pkey -in "$WORK/audit-key.pem" -pubout >> "$WORK/audit-key.pem"
export APP_AUDIT_SIGNING_KEY="$WORK/audit-key.pem"

# start JAVA ARGS...: runs the jar from inside target/quarkus-app (AppCDS wants the same paths as at dump time),
# waits for the first 200 of readiness; sets APP_PID, FIRST200_MS, RSS_START
start() {
    local java="$1"; shift
    local port t0
    port=$(free_port)
    t0=$(now_ms)
    (cd "$APP" && exec "$java" "${MEMORY[@]}" "$@" -Dquarkus.http.port="$port" -jar quarkus-run.jar) \
        > "$WORK/app.log" 2>&1 &
    APP_PID=$!
    PORT=$port
    until curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready"; do
        kill -0 "$APP_PID" 2> /dev/null || { cat "$WORK/app.log" >&2; echo "the service exited" >&2; exit 1; }
        sleep 0.02
    done
    FIRST200_MS=$(( $(now_ms) - t0 ))
    RSS_START=$(rss_mb "$APP_PID")
}

load() {
    ab -q -n "$1" -c 8 -p "$WORK/theme.json" -T application/json -H "Authorization: Bearer $TOKEN" \
        "http://127.0.0.1:$PORT/api/v1/themes/validate" > "$WORK/ab.log" 2>&1
    grep -q "Non-2xx responses" "$WORK/ab.log" && { cat "$WORK/ab.log" >&2; echo "validate answered non-2xx" >&2; exit 1; }
    return 0
}

echo "training the JDK 25 AOT cache ..." >&2
rm -f "$APP/app.aot"
start "$JDK25/bin/java" -XX:AOTCacheOutput=app.aot
load 2000
# on exit JDK 25 assembles the cache (in a child JVM): ~5 s on an idle 2-core machine, over 10 s on a busy one
bench_stop_app 300
[[ -f "$APP/app.aot" ]] || { tail -20 "$WORK/app.log" >&2; echo "JDK 25 wrote no AOT cache" >&2; exit 1; }

declare -A ARGS=(
    [jdk17]="java"
    [jdk17-appcds]="java -XX:SharedArchiveFile=app-cds.jsa -Xshare:auto"
    [jdk25-aot]="$JDK25/bin/java -XX:AOTCache=app.aot"
)
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
summary=()
printf '%-13s %5s %13s %13s %13s\n' mode runs first200_ms rss_start_mb rss_after_mb
for mode in jdk17 jdk17-appcds jdk25-aot; do
    : > "$WORK/$mode.tsv"
    for run in $(seq 1 "$RUNS"); do
        read -r -a cmd <<< "${ARGS[$mode]}"
        start "${cmd[@]}"
        load "$REQUESTS"
        printf '%s\t%s\t%s\n' "$FIRST200_MS" "$RSS_START" "$(rss_mb "$APP_PID")" >> "$WORK/$mode.tsv"
        bench_stop_app
    done
    f=$(cut -f1 "$WORK/$mode.tsv" | sort -n | paste -sd/)
    s=$(cut -f2 "$WORK/$mode.tsv" | sort -n | paste -sd/)
    a=$(cut -f3 "$WORK/$mode.tsv" | sort -n | paste -sd/)
    printf '%-13s %5s %13s %13s %13s\n' "$mode" "$RUNS" "$f" "$s" "$a"
    summary+=("mode=$mode first200_ms_median=$(cut -f1 "$WORK/$mode.tsv" | median) rss_mb_after=$(cut -f3 "$WORK/$mode.tsv" | median)")
done
echo "(each column: every run's value, sorted: min/.../max; the median is the middle one)"
echo "(JVM flags: ${MEMORY[*]}; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%s\n' "${summary[@]}"
