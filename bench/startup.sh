#!/usr/bin/env bash
# Start time, classes loaded and memory, on one database and with one set of JVM flags, per mode:
#   jdk17           the service's jar on the JDK 17 on the PATH, plain
#   jdk17-appcds    the same JDK with the AppCDS archive Quarkus builds (quarkus.package.jar.appcds.enabled)
#   jdk25-aot       Temurin 25 with a JDK 25 AOT cache (JEP 514/515) on the aot-jar packaging that the AOT image ships
#                   (-Dquarkus.package.jar.type=aot-jar, into target/startup-bench-aot-app: every jar on the JDK's own
#                   class path), trained here by starting it with -XX:AOTCacheOutput and sending it the same validate
#                   requests, then stopping it. Not the fast-jar: there Quarkus's own class loader loads the
#                   application and its libraries, and the JDK caches and AOT-links only what its built-in loaders load
#   ref-minimal     bench/ref-minimal: a Quarkus application with quarkus-rest and health only (JDK 17, plain)
#   ref-extensions  bench/ref-extensions: every extension of the service, no code of its own (JDK 17, plain)
#   image-plain     the plain container image (src/main/docker/Dockerfile.jvm, Debian JRE 17), started with podman run
#   image-aot       the AOT image (src/main/docker/Dockerfile.jvm-aot, JDK 25 + its trained AOT cache), likewise
#                   (both: bench/startup-images.sh, which says how they are built, started and measured)
# The service starts as a replica does: the database is migrated once beforehand (APP_MIGRATE=only, as the release's
# migration Job), every start of the service runs with APP_MIGRATE=check (never migrates), as every image sets it.
# The two reference applications are on the service's Quarkus platform and are started in the same run with the same
# flags and database, so that every ratio below is measured, not remembered.
# For each mode: BENCH_CLASS_RUNS (default 1) untimed starts with -Xlog:class+load to a file, whose lines are counted
# when the first 200 of /q/health/ready arrives (the classes loaded until ready; load-independent), then BENCH_RUNS
# timed starts (default 5) without that logging; per timed start, the time from exec to the first 200 of
# /q/health/ready, RSS at that moment and RSS after BENCH_REQUESTS (default 10,000) requests, 8 at a time (ab): the
# service gets POST /api/v1/themes/validate, the reference applications (which have no such endpoint) the same number
# of GET /q/health/ready, so their rss_mb_after is a number but after a lighter load.
# Every JVM runs with the container image's exact flags (the JAVA_TOOL_OPTIONS line of src/main/docker/Dockerfile.jvm,
# passed on the command line so that no "Picked up" line mixes into the log) plus -XX:MaxRAM=512m, which makes the
# heap ergonomics those of a 512 MiB pod on this larger host.
#
#   bash bench/startup.sh                   # needs root (apt for PostgreSQL and ab, initdb as user postgres)
#   BENCH_RUNS=3 BENCH_REQUESTS=2000 bash bench/startup.sh
#   BENCH_MODES="jdk17 ref-extensions" bash bench/startup.sh      # some modes only (default: all, in this order)
#
# Prints a table and one line per mode for scripts (classes=na with BENCH_CLASS_RUNS=0):
#   mode=<name> first200_ms_median=<n> rss_mb_after=<n> classes=<n>
# then the ratios of first200_ms_median and classes between modes (only those whose two modes ran):
#   ratio=<mode>/<mode> first200=<x.xx> classes=<x.xx>
# Builds what it needs (the service's jar into target/, the reference applications into bench/ref-*/target, quietly,
# once per run) and removes its database and processes on exit.
#
# A new mode is a function start_<mode> (starts one instance the way that mode does, logs classes to CLASS_LOG when
# that is set, and sets what start_jar sets), a function load_<mode> (BENCH_REQUESTS requests), and its name in MODES.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
source bench/startup-images.sh   # the image modes' functions (start_image-*, load_image-*, images_prepare)

RUNS="${BENCH_RUNS:-5}"
REQUESTS="${BENCH_REQUESTS:-10000}"
CLASS_RUNS="${BENCH_CLASS_RUNS:-1}"
MODES="${BENCH_MODES:-jdk17 jdk17-appcds jdk25-aot ref-minimal ref-extensions image-plain image-aot}"
JDK25="${BENCH_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
WORK="$(pwd)/target/startup-bench"
IMAGE_FLAGS=$(sed -n 's/^ENV JAVA_TOOL_OPTIONS="\(.*\)"$/\1/p' src/main/docker/Dockerfile.jvm)
[[ -n "$IMAGE_FLAGS" ]] || { echo "no ENV JAVA_TOOL_OPTIONS line in src/main/docker/Dockerfile.jvm" >&2; exit 1; }
read -r -a MEMORY <<< "-XX:MaxRAM=512m $IMAGE_FLAGS"
APP=target/quarkus-app
REF_MINIMAL=bench/ref-minimal/target/quarkus-app
REF_EXTENSIONS=bench/ref-extensions/target/quarkus-app
APP_PID=""
PGDATA_DIR=""
CLASS_LOG=""

free_port() { bench_free_port; }
now_ms() { date +%s%3N; }
rss_mb() { awk '/^VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }
has_mode() { [[ " $MODES " == *" $1 "* ]]; }

cleanup() {
    bench_stop_app
    ! declare -F images_cleanup > /dev/null || images_cleanup
    if [[ -n "$PGDATA_DIR" ]]; then
        runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m immediate stop > /dev/null 2>&1 || true
        rm -rf "$PGDATA_DIR"
    fi
}
trap cleanup EXIT

# start_jar DIR JAVA ARGS...: runs DIR/quarkus-run.jar from inside DIR (AppCDS and the AOT cache want the same paths as
# at dump time) with the image's flags, ARGS and, when CLASS_LOG is set, -Xlog:class+load to it (one line per class,
# no decorations), until the first 200 of /q/health/ready (polled every 20 ms); sets APP_PID, PORT, FIRST200_MS (from
# the launch, in ms), RSS_START and, when CLASS_LOG is set, CLASSES: the lines the JVM has written to it at that moment
start_jar() {
    local dir="$1" java="$2"; shift 2
    local log=()
    [[ -z "$CLASS_LOG" ]] || { rm -f "$CLASS_LOG"; log=("-Xlog:class+load=info:file=$CLASS_LOG:none"); }
    rm -f "$WORK/app.log"
    bench_start_app --jar "$dir/quarkus-run.jar" --cd --java "$java" --poll 0.02 --timeout 900 \
        -- "${MEMORY[@]}" "${log[@]}" "$@"
    PORT=$APP_PORT
    FIRST200_MS=$APP_READY_MS
    [[ -z "$CLASS_LOG" ]] || CLASSES=$(wc -l < "$CLASS_LOG")
    RSS_START=$(rss_mb "$APP_PID")
}

# load_ab N ARGS...: N requests, 8 at a time, to the URL path last in ARGS; fails on any non-2xx answer
load_ab() {
    local n="$1"; shift
    local path="${*: -1}"
    ab -q -n "$n" -c 8 "${@:1:$#-1}" "http://127.0.0.1:$PORT$path" > "$WORK/ab.log" 2>&1
    grep -q "Non-2xx responses" "$WORK/ab.log" && { cat "$WORK/ab.log" >&2; echo "$path answered non-2xx" >&2; exit 1; }
    return 0
}
load_validate() {
    load_ab "$1" -p "$WORK/theme.json" -T application/json -H "Authorization: Bearer $TOKEN" /api/v1/themes/validate
}
load_health() { load_ab "$1" /q/health/ready; }

# ---- the modes ---------------------------------------------------------------------------------------------------------
start_jdk17() { start_jar "$APP" java; }
load_jdk17() { load_validate "$@"; }
start_jdk17-appcds() { start_jar "$APP" java -XX:SharedArchiveFile=app-cds.jsa -Xshare:auto; }
load_jdk17-appcds() { load_validate "$@"; }
start_jdk25-aot() { start_jar "$AOT_APP" "$JDK25/bin/java" -XX:AOTCache=app.aot; }
load_jdk25-aot() { load_validate "$@"; }
start_ref-minimal() { start_jar "$REF_MINIMAL" java; }
load_ref-minimal() { load_health "$@"; }
start_ref-extensions() { start_jar "$REF_EXTENSIONS" java; }
load_ref-extensions() { load_health "$@"; }

for mode in $MODES; do
    declare -F "start_$mode" > /dev/null && declare -F "load_$mode" > /dev/null \
        || { echo "unknown mode $mode (BENCH_MODES)" >&2; exit 1; }
done

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
if has_mode jdk25-aot; then
    [[ -x "$JDK25/bin/java" ]] || { echo "no JDK 25 at $JDK25 (set BENCH_JDK25)" >&2; exit 1; }
fi

# ---- the reference application of the extensions must have the service's extensions -----------------------------------
# run-time dependencies of a pom: one-line <dependency> elements before <profiles>, without test or provided scope
runtime_deps() {
    sed '/^[[:space:]]*<profiles>/,$d' "$1" | grep '<dependency>.*<artifactId>' | grep -v -e '<scope>test<' -e '<scope>provided<' \
        | sed 's/.*<artifactId>\([^<]*\)<.*/\1/' | sort
}
REF_DRIFT=$(diff <(runtime_deps pom.xml) <(runtime_deps bench/ref-extensions/pom.xml) | sed -n 's/^\([<>]\) /\1/p' \
    | sed 's/^</service-only:/; s/^>/reference-only:/' | paste -sd' ' || true)
[[ -z "$REF_DRIFT" ]] || echo "WARNING: bench/ref-extensions/pom.xml is not in step with pom.xml: $REF_DRIFT" >&2

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

# ---- the image modes (bench/startup-images.sh): built first, from the -Dcontainer package, before the jar below -------
if has_mode image-plain || has_mode image-aot; then
    images_prepare $(has_mode image-plain && echo plain) $(has_mode image-aot && echo aot)
fi

# ---- the builds: the jar with its AppCDS archive, the reference applications ------------------------------------------
if has_mode jdk17 || has_mode jdk17-appcds || has_mode jdk25-aot; then
    echo "building the jar with its AppCDS archive (JDK 17) ..." >&2
    ./mvnw -B -q package -DskipTests -Dquarkus.package.jar.appcds.enabled=true
    [[ -f "$APP/app-cds.jsa" ]] || { echo "no $APP/app-cds.jsa after the AppCDS build" >&2; exit 1; }
fi
AOT_APP=target/startup-bench-aot-app
if has_mode jdk25-aot; then
    echo "building the aot-jar (JDK 17 bytecode, for the JDK 25 AOT cache) ..." >&2
    ./mvnw -B -q package -DskipTests -Dquarkus.package.jar.type=aot-jar \
        -Dquarkus.package.output-directory=startup-bench-aot-app
    [[ -f "$AOT_APP/quarkus-run.jar" ]] || { echo "no $AOT_APP/quarkus-run.jar after the aot-jar build" >&2; exit 1; }
fi
for ref in ref-minimal ref-extensions; do
    if has_mode "$ref"; then
        echo "building bench/$ref ..." >&2
        ./mvnw -B -q -f "bench/$ref/pom.xml" package
    fi
done

# the same settings reach every mode (the reference applications read the datasource and JWT ones)
export MP_JWT_VERIFY_PUBLICKEY_LOCATION="file:$WORK/public.pem" MP_JWT_VERIFY_ISSUER=bench
# (the service's migration derives its JDBC URL from the reactive one)
export QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$PG_PORT/postgres"
export QUARKUS_DATASOURCE_USERNAME=bench QUARKUS_DATASOURCE_PASSWORD=unused
export CXONE_SIMULATOR=true
openssl genpkey -algorithm ed25519 -out "$WORK/audit-key.pem" 2> /dev/null
openssl pkey -in "$WORK/audit-key.pem" -pubout >> "$WORK/audit-key.pem"
export APP_AUDIT_SIGNING_KEY="$WORK/audit-key.pem"

# the service's starts are those of a replica: the empty database is migrated once, untimed, as a release's migration
# Job does it (APP_MIGRATE=only: migrate and exit), and every start after it runs with APP_MIGRATE=check (what every
# container image sets: never migrate, ready once the schema is current), the AOT cache's training run included
if has_mode jdk17 || has_mode jdk17-appcds || has_mode jdk25-aot; then
    echo "migrating the database (APP_MIGRATE=only) ..." >&2
    (cd "$APP" && APP_MIGRATE=only exec java "${MEMORY[@]}" -jar quarkus-run.jar) > "$WORK/migrate.log" 2>&1 \
        || { cat "$WORK/migrate.log" >&2; echo "the migration failed" >&2; exit 1; }
fi
export APP_MIGRATE=check
if has_mode jdk25-aot; then
    echo "training the JDK 25 AOT cache ..." >&2
    rm -f "$AOT_APP/app.aot"
    start_jar "$AOT_APP" "$JDK25/bin/java" -XX:AOTCacheOutput=app.aot
    load_validate 2000
    # on exit JDK 25 assembles the cache (in a child JVM): ~5 s on an idle 2-core machine, over 10 s on a busy one
    bench_stop_app 300
    [[ -f "$AOT_APP/app.aot" ]] || { tail -20 "$WORK/app.log" >&2; echo "JDK 25 wrote no AOT cache" >&2; exit 1; }
fi

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
declare -A FIRST200 CLASSCOUNT
summary=()
printf '%-15s %5s %13s %13s %13s %8s\n' mode runs first200_ms rss_start_mb rss_after_mb classes
for mode in $MODES; do
    # the classes until ready: untimed starts with class logging, before the timed ones
    : > "$WORK/$mode.classes"
    for run in $(seq 1 "$CLASS_RUNS"); do
        CLASS_LOG="$WORK/$mode.class-load.log"
        "start_$mode"
        echo "$CLASSES" >> "$WORK/$mode.classes"
        bench_stop_app
        CLASS_LOG=""
    done
    : > "$WORK/$mode.tsv"
    for run in $(seq 1 "$RUNS"); do
        "start_$mode"
        "load_$mode" "$REQUESTS"
        printf '%s\t%s\t%s\n' "$FIRST200_MS" "$RSS_START" "$(rss_mb "$APP_PID")" >> "$WORK/$mode.tsv"
        bench_stop_app
    done
    cp "$WORK/app.log" "$WORK/$mode.app.log"   # the log of its last start
    f=$(cut -f1 "$WORK/$mode.tsv" | sort -n | paste -sd/)
    s=$(cut -f2 "$WORK/$mode.tsv" | sort -n | paste -sd/)
    a=$(cut -f3 "$WORK/$mode.tsv" | sort -n | paste -sd/)
    c=$(sort -n "$WORK/$mode.classes" | paste -sd/)
    printf '%-15s %5s %13s %13s %13s %8s\n' "$mode" "$RUNS" "$f" "$s" "$a" "${c:-na}"
    FIRST200[$mode]=$(cut -f1 "$WORK/$mode.tsv" | median)
    CLASSCOUNT[$mode]=$( (( CLASS_RUNS > 0 )) && median < "$WORK/$mode.classes" || echo na)
    summary+=("mode=$mode first200_ms_median=${FIRST200[$mode]} rss_mb_after=$(cut -f3 "$WORK/$mode.tsv" | median) classes=${CLASSCOUNT[$mode]}")
done
echo "(each column: every run's value, sorted: min/.../max; the median is the middle one; classes: loaded until the first"
echo " 200 of readiness, from $CLASS_RUNS untimed start(s) per mode with -Xlog:class+load, before its timed ones)"
echo "(JVM flags: ${MEMORY[*]}; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg))"
[[ -z "$REF_DRIFT" ]] || echo "(WARNING: bench/ref-extensions/pom.xml is not in step with pom.xml: $REF_DRIFT)"
printf '%s\n' "${summary[@]}"

# ---- ratios (the targets of docs/benchmarks.md in brackets) ----------------------------------------------------------
RATIOS=(
    "jdk17 ref-extensions"      # the plain service against its extensions alone [first200 <= 1.0]
    "jdk25-aot jdk17"           # what the AOT cache gains on the service
    "jdk25-aot ref-minimal"     # the AOT-cached service against the smallest Quarkus application
    # the AOT image (mode image-aot): [image-aot/jdk17 first200 <= 0.4, image-aot/ref-minimal first200 <= 1.3]
    "image-aot jdk17"
    "image-aot ref-minimal"
)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a ~ /^[0-9]+$/ && b ~ /^[0-9]+$/ && b > 0) printf "%.2f", a / b; else print "na" }'; }
for pair in "${RATIOS[@]}"; do
    read -r a b <<< "$pair"
    [[ -n "${FIRST200[$a]:-}" && -n "${FIRST200[$b]:-}" ]] || continue
    echo "ratio=$a/$b first200=$(ratio "${FIRST200[$a]}" "${FIRST200[$b]}") classes=$(ratio "${CLASSCOUNT[$a]}" "${CLASSCOUNT[$b]}")"
done
