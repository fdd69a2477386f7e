#!/usr/bin/env bash
# Which classes the packaged service loads on its way to the first 200 of /q/health/ready, grouped by package: the
# load-independent measure of start-up work (a busy machine changes the time, not the classes). The target is
# classes=<n> <= 9,000 (docs/benchmarks.md); bench/startup.sh gives the times.
#
# One start of target/quarkus-app/quarkus-run.jar (or of the aot-jar: STARTUP_CLASSES_JAR_TYPE), JDK 17 on the PATH,
# plain, with the container image's JVM flags (the ENV JAVA_TOOL_OPTIONS line of src/main/docker/Dockerfile.jvm) plus
# -XX:MaxRAM=512m and -Xlog:class+load, against a throw-away PostgreSQL 15 on loopback, started as a replica as
# bench/startup.sh does (the database migrated beforehand with APP_MIGRATE=only, the start with APP_MIGRATE=check),
# with the environment bench/startup.sh sets (bench JWT key, Ed25519 audit signing key, CXONE_SIMULATOR=true). The
# class log is copied the moment the first 200 of readiness arrives.
#
#   bash bench/startup-classes.sh                      # builds the jar (-Dcontainer) first; needs root (initdb)
#   STARTUP_CLASSES_BUILD=false bash bench/startup-classes.sh          # reuse target/quarkus-app
#   STARTUP_CLASSES_DEPTH=2 STARTUP_CLASSES_TOP=40 bash bench/startup-classes.sh
#   STARTUP_CLASSES_JAR_TYPE=aot-jar bash bench/startup-classes.sh     # the AOT image's packaging (still JDK 17)
#   STARTUP_CLASSES_ENV="CXONE_SIMULATOR=false CXONE_BASE_URL=http://127.0.0.1:9" bash bench/startup-classes.sh
#   STARTUP_CLASSES_JAVA_OPTS="-Dquarkus.debug.print-startup-times=true" bash bench/startup-classes.sh
#   STARTUP_CLASSES_AFTER='curl -s localhost:$PORT/q/openapi > $WORK/openapi.yaml' bash bench/startup-classes.sh
#   STARTUP_CLASSES_WHY="com.fasterxml.jackson.core.JsonFactory io.quarkus.qute.Engine" bash bench/startup-classes.sh
#       also prints, for each class named, the thread and stack that loaded it (a JFR recording of class loads; JFR
#       itself adds ~300 classes to that run's count)
#
# Prints `classes=<n> first200_ms=<n>` (one start; the time is only indicative), the top packages (the first DEPTH
# components of the package name, default 3) and the top jars. Keeps in target/startup-classes/:
#   classes.txt   every class loaded until the first 200, in load order (diff two runs' files to see what a cut saved)
#   classes.log   the raw -Xlog:class+load lines (uptime, class, source) up to that moment
#   app.log       the service's output
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

BUILD="${STARTUP_CLASSES_BUILD:-true}"
DEPTH="${STARTUP_CLASSES_DEPTH:-3}"
TOP="${STARTUP_CLASSES_TOP:-30}"
WORK="$(pwd)/target/startup-classes"
IMAGE_FLAGS=$(sed -n 's/^ENV JAVA_TOOL_OPTIONS="\(.*\)"$/\1/p' src/main/docker/Dockerfile.jvm)
[[ -n "$IMAGE_FLAGS" ]] || { echo "no ENV JAVA_TOOL_OPTIONS line in src/main/docker/Dockerfile.jvm" >&2; exit 1; }
read -r -a MEMORY <<< "-XX:MaxRAM=512m $IMAGE_FLAGS"
read -r -a EXTRA <<< "${STARTUP_CLASSES_JAVA_OPTS:-}"
APP_PID=""
PGDATA_DIR=""

free_port() { bench_free_port; }
now_ms() { date +%s%3N; }

cleanup() {
    bench_stop_app
    if [[ -n "$PGDATA_DIR" ]]; then
        runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m immediate stop > /dev/null 2>&1 || true
        rm -rf "$PGDATA_DIR"
    fi
}
trap cleanup EXIT

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -n 1 || true)
if [[ -z "$PG_BIN" || ! -x "$PG_BIN/initdb" ]]; then
    echo "installing postgresql-15" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 > /dev/null
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

# STARTUP_CLASSES_JAR_TYPE=aot-jar: the packaging of the AOT image (every jar on the JDK's class path, so the JDK's AOT
# cache can hold the application's classes), built into target/startup-classes-aot-app
JAR_TYPE="${STARTUP_CLASSES_JAR_TYPE:-fast-jar}"
if [[ "$JAR_TYPE" == aot-jar ]]; then
    APP=target/startup-classes-aot-app
    PACKAGING=(-Dquarkus.package.jar.type=aot-jar -Dquarkus.package.output-directory=startup-classes-aot-app)
else
    APP=target/quarkus-app
    PACKAGING=()
fi
if [[ "$BUILD" == true ]]; then
    echo "building the $JAR_TYPE (-Dcontainer) ..." >&2
    ./mvnw -B -q package -DskipTests -Dcontainer "${PACKAGING[@]}"
fi
[[ -f "$APP/quarkus-run.jar" ]] || { echo "no $APP/quarkus-run.jar (run with STARTUP_CLASSES_BUILD=true)" >&2; exit 1; }

rm -rf "$WORK"
mkdir -p "$WORK"
PGDATA_DIR=$(mktemp -d /tmp/startup-classes-pg.XXXXXX)
chown postgres "$PGDATA_DIR"
PG_PORT=$(free_port)
runuser -u postgres -- "$PG_BIN/initdb" -D "$PGDATA_DIR" -U bench --auth=trust > /dev/null
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/log" -w \
    -o "-p $PG_PORT -k $PGDATA_DIR -c listen_addresses=127.0.0.1" start > /dev/null

TOKEN=$(bench_token "$WORK" '["theme-viewer"]')
export MP_JWT_VERIFY_PUBLICKEY_LOCATION="file:$WORK/public.pem" MP_JWT_VERIFY_ISSUER=bench
export QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$PG_PORT/postgres"
export QUARKUS_DATASOURCE_USERNAME=bench QUARKUS_DATASOURCE_PASSWORD=unused
export CXONE_SIMULATOR=true
openssl genpkey -algorithm ed25519 -out "$WORK/audit-key.pem" 2> /dev/null
openssl pkey -in "$WORK/audit-key.pem" -pubout >> "$WORK/audit-key.pem"
export APP_AUDIT_SIGNING_KEY="$WORK/audit-key.pem"

# start_app LOGFLAG...: starts the jar with the image's flags plus the given JVM options and waits for the first 200 of
# /q/health/ready (polled every 20 ms); sets APP_PID, PORT
start_app() {
    bench_start_app --jar "$APP/quarkus-run.jar" --cd --poll 0.02 --timeout 900 -- "${MEMORY[@]}" "${EXTRA[@]}" "$@"
    PORT=$APP_PORT
}

# a replica's start, as in bench/startup.sh: the empty database is migrated once (APP_MIGRATE=only, as a release's
# migration Job), the measured start runs with APP_MIGRATE=check (what every container image sets: never migrates)
(cd "$APP" && APP_MIGRATE=only exec java "${MEMORY[@]}" -jar quarkus-run.jar) > "$WORK/migrate.log" 2>&1 \
    || { cat "$WORK/migrate.log" >&2; echo "the migration failed" >&2; exit 1; }
export APP_MIGRATE=check
# overrides, e.g. STARTUP_CLASSES_ENV="CXONE_SIMULATOR=false CXONE_BASE_URL=http://127.0.0.1:9"
for kv in ${STARTUP_CLASSES_ENV:-}; do export "${kv?}"; done

# STARTUP_CLASSES_WHY: record every class load with its stack (JFR), to say who loads the classes named
WHY=()
if [[ -n "${STARTUP_CLASSES_WHY:-}" ]]; then
    cat > "$WORK/classload.jfc" <<'JFC'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0" label="class loads with stacks">
  <event name="jdk.ClassLoad">
    <setting name="enabled">true</setting>
    <setting name="stackTrace">true</setting>
    <setting name="threshold">0 ms</setting>
  </event>
</configuration>
JFC
    WHY=("-XX:StartFlightRecording=settings=$WORK/classload.jfc,filename=$WORK/classload.jfr,dumponexit=true")
fi

LOG="$WORK/class-load.log"
T0=$(now_ms)
# uptime decoration only: the lines stay short and map onto the JVM's own clock
start_app "${WHY[@]}" "-Xlog:class+load=info:file=$LOG:uptime"
cp "$LOG" "$WORK/classes.log"
FIRST200_MS=$(( $(now_ms) - T0 ))
# STARTUP_CLASSES_AFTER: a command run once the service is ready (PORT, WORK and TOKEN, a theme-viewer bearer token,
# are exported), e.g. to fetch /q/openapi or time a first API request
if [[ -n "${STARTUP_CLASSES_AFTER:-}" ]]; then
    export PORT WORK TOKEN
    bash -c "$STARTUP_CLASSES_AFTER" >&2
fi
bench_stop_app

# a line: [0.123s] some.pkg.Name source: jrt:/java.base   (or: source: file:/.../lib/main/g.a-1.0.jar, shared objects
# file, __JVM_DefineClass__, ...); a last line may be cut off mid-write: only whole lines with a source count
awk '/ source: / { print $2 }' "$WORK/classes.log" > "$WORK/classes.txt"
N=$(wc -l < "$WORK/classes.txt")

echo "classes=$N first200_ms=$FIRST200_MS"
echo
echo "top packages (first $DEPTH components):"
awk -v d="$DEPTH" '{
        n = split($1, p, ".")
        k = ""
        for (i = 1; i < n && i <= d; i++) k = k (i > 1 ? "." : "") p[i]
        if (k == "") k = "(default package)"
        c[k]++
    } END { for (k in c) printf "%6d  %s\n", c[k], k }' "$WORK/classes.txt" | sort -rn | awk -v n="$TOP" 'NR <= n'
echo
echo "top sources (jar, JDK module, CDS archive, generated):"
awk '/ source: / {
        s = $0; sub(/.* source: /, "", s)
        sub(/^.*\/lib\/(boot|main)\//, "", s); sub(/^.*\/(quarkus-app|startup-classes-aot-app)\//, "", s)
        sub(/^jrt:\//, "jdk ", s)
        sub(/^shared objects file.*/, "jdk (CDS archive)", s)
        c[s]++
    } END { for (k in c) printf "%6d  %s\n", c[k], k }' "$WORK/classes.log" | sort -rn | awk -v n="$TOP" 'NR <= n'
if [[ -n "${STARTUP_CLASSES_WHY:-}" ]]; then
    jfr print --events jdk.ClassLoad --stack-depth 200 "$WORK/classload.jfr" > "$WORK/classload.txt"
    python3 - "$WORK/classload.txt" $STARTUP_CLASSES_WHY <<'PY'
import re, sys
events = open(sys.argv[1]).read().split("jdk.ClassLoad {")[1:]
noise = ("java.lang.ClassLoader.", "jdk.internal.", "io.quarkus.bootstrap.runner.RunnerClassLoader.",
         "java.security.SecureClassLoader.", "java.lang.Class.forName", "java.lang.invoke.", "java.lang.reflect.",
         "io.quarkus.arc.impl.AbstractSharedContext", "io.quarkus.arc.impl.LazyValue", "io.quarkus.arc.impl.Computing")
for name in sys.argv[2:]:
    for event in events:
        m = re.search(r"loadedClass = (\S+)", event)
        if m and m.group(1) == name:
            thread = re.search(r'eventThread = "([^"]*)"', event)
            print(f"\nwho loads {name} (thread {thread.group(1) if thread else '?'}):")
            stack = re.search(r"stackTrace = \[(.*?)\n  \]", event, re.S)
            frames = [f.strip() for f in (stack.group(1) if stack else "").splitlines() if f.strip()]
            shown = [f for f in frames if not f.startswith(noise)]
            print("\n".join("    " + f for f in shown[:60]))
            break
    else:
        print(f"\n{name}: not loaded until the first 200")
PY
fi
echo
echo "(JVM flags: ${MEMORY[*]} ${EXTRA[*]}; load average: $(cut -d' ' -f1-3 /proc/loadavg); files in $WORK)"
