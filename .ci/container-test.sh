#!/usr/bin/env bash
# The container test (docs/images.md, "The container test"). On a Debian 12 machine as root:
#   1. installs what is missing (podman, runc, mmdebstrap, docker-registry, PostgreSQL server, jq, curl, openssl);
#   2. builds a Debian JRE 17 base image with mmdebstrap (no image registry is reachable here), cached per UTC day;
#   3. packages the service with -Dcontainer and, in the same Maven run, builds and pushes the Jib image to a local
#      registry; then builds src/main/docker/Dockerfile.jvm with podman on the same base;
#   4. checks that both images have the same user, entrypoint, environment, ports and labels;
#   5. starts a throw-away PostgreSQL on the host and runs the Containerfile image read-only, as its non-root user,
#      with the variables the Kubernetes ConfigMap/Secret define and the simulator on; waits for readiness; creates a
#      draft with a signed JWT and publishes it to ACTIVE; starts a sync job that the simulator slows down so that the
#      instance holds its lease; sends SIGTERM and checks the exit code and that no job lease is left behind;
#   6. shows that without APP_AUDIT_SIGNING_KEY the read-only image refuses to start and names that variable;
#   7. starts the Jib image the same way: it must answer readiness, take over the released sync job and stop cleanly;
#   8. builds the AOT image (src/main/docker/build-aot-image.sh) on a JDK 25 runtime made with jlink from the machine's
#      Temurin 25 on a Debian base, trained against a second database of the same cluster; checks its shape against
#      the plain image's (the same, plus -XX:AOTCache in JAVA_TOOL_OPTIONS); starts it with -XX:AOTMode=on (the JVM
#      refuses to start when the cache cannot be used) and checks -Xlog:aot says it uses the cache; publishes a draft
#      to ACTIVE through it and stops it with SIGTERM.
# Before any replica starts, the database is migrated by the image itself with -e APP_MIGRATE=only (exit code 0), as
# the release's migration Job does; every replica then runs with the image default APP_MIGRATE=check.
# Networking: every container runs with --network host and its own free QUARKUS_HTTP_PORT, so it reaches the
# PostgreSQL cluster listening on 127.0.0.1 without opening it to a bridge; nothing binds to a fixed port.
# Usage: .ci/container-test.sh   (from .ci/run after ./mvnw verify; phase timings measured on a busy 2-core machine
# are in docs/images.md; the script prints its own at the end)
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/base-images.sh
source src/main/docker/container-lib.sh

START=$(date +%s)
PHASE_NAME=""
PHASE_START=$START
TIMINGS=""
phase() { # ends the current phase (printing its duration) and starts the next one
    local now
    now=$(date +%s)
    if [ -n "$PHASE_NAME" ]; then
        TIMINGS+=$(printf '  %-56s %4ss' "$PHASE_NAME" $((now - PHASE_START)))$'\n'
        echo "container-test: [$PHASE_NAME] done in $((now - PHASE_START)) s"
    fi
    PHASE_NAME=$1
    PHASE_START=$now
    [ -z "$1" ] || echo "container-test: [$1] ..."
}
fail() {
    echo "container-test: FAILED: $*" >&2
    exit 1
}

if [ "$(id -u)" != 0 ]; then
    fail "must run as root (podman as root with runc, initdb via runuser postgres, apt-get for missing tools)"
fi

RUN_ID="ct$$"
WORK=$(mktemp -d /tmp/cxone-ct.XXXXXX)
PGROOT=""
REGISTRY_PID=""
CONTAINERS=()
IMAGES=()
FAILED=1
declare -A BG_PIDS=()

# bg_start NAME COMMAND...: runs COMMAND in the background (output to $WORK/NAME.log) while the test goes on;
# bg_wait NAME: waits for it and fails with its log when it failed
bg_start() {
    local name="$1"
    shift
    "$@" > "$WORK/$name.log" 2>&1 &
    BG_PIDS[$name]=$!
}
bg_wait() {
    local pid="${BG_PIDS[$1]}"
    unset "BG_PIDS[$1]"
    wait "$pid" || { cat "$WORK/$1.log" >&2; fail "$1 failed (its output above)"; }
}

cleanup() {
    local rc=$?
    set +e
    if [ "$FAILED" = 1 ]; then
        for c in "${CONTAINERS[@]}"; do
            echo "----- log of container $c (look here first: the service says why it stopped) -----" >&2
            podman logs "$c" >&2 2>&1
            echo "----- end of log of $c -----" >&2
        done
        if [ -n "$PGROOT" ] && [ -f "$PGROOT/postgresql.log" ]; then
            echo "----- last lines of the PostgreSQL log -----" >&2
            tail -n 30 "$PGROOT/postgresql.log" >&2
        fi
    fi
    for pid in "${BG_PIDS[@]}"; do kill "$pid" 2> /dev/null; wait "$pid" 2> /dev/null; done
    for c in "${CONTAINERS[@]}"; do podman rm -f "$c" > /dev/null 2>&1; done
    # children before their bases (an image a later one is built on cannot go first)
    for ((i = ${#IMAGES[@]} - 1; i >= 0; i--)); do podman rmi -f "${IMAGES[i]}" > /dev/null 2>&1; done
    # the builds' intermediate images (the build cache), recognisable by the service's label
    podman image prune -f --filter label=org.opencontainers.image.title=cxone-theme-service > /dev/null 2>&1
    [ -z "$REGISTRY_PID" ] || kill "$REGISTRY_PID" 2> /dev/null
    if [ -n "$PGROOT" ] && [ -f "$PGROOT/data/postmaster.pid" ]; then
        runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGROOT/data" -m immediate stop > /dev/null 2>&1
    fi
    [ -z "$PGROOT" ] || rm -rf "$PGROOT"
    rm -rf "$WORK"
    if [ "$FAILED" = 1 ]; then
        echo "container-test: FAILED after $(($(date +%s) - START)) s (rc $rc); phase: ${PHASE_NAME:-setup}" >&2
    fi
}
trap cleanup EXIT

# ---------------------------------------------------------------------------------------------------------------------
phase "install missing packages"
missing=()
for tool in podman:podman runc:runc mmdebstrap:mmdebstrap docker-registry:docker-registry jq:jq curl:curl \
    openssl:openssl ss:iproute2 runuser:util-linux; do
    command -v "${tool%%:*}" > /dev/null || missing+=("${tool#*:}")
done
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -n 1 || true)
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    missing+=(postgresql-15)
fi
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" > "$WORK/apt.log" 2>&1 \
        || { cat "$WORK/apt.log" >&2; fail "apt-get install ${missing[*]} failed (log above)"; }
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
id postgres > /dev/null 2>&1 || fail "no 'postgres' user although PostgreSQL is installed: initdb refuses to run as root"

# crun (podman's default runtime) fails on this host's hybrid cgroups, and the default ulimits exceed what root may
# set here (.ci/base-images.sh)
base_podman_conf "$WORK"

free_port() { img_free_port || fail "no free TCP port"; }

# ---------------------------------------------------------------------------------------------------------------------
# The Debian bases (.ci/base-images.sh), cached per UTC day: CI machines are fresh, so there the cold path runs; a
# re-run on the same machine and day imports the cached tars. The JDK 25 base (jlink + mmdebstrap, for the AOT image) is
# made in the background while the JRE 17 one and the first images are built.
phase "Debian base images (JDK 25 in the background)"
bg_start base-jre-25 base_jre25_tar
BASE_TAR=$(base_jre17_tar) || fail "the JRE 17 base could not be built"
echo "JRE 17 base: $BASE_TAR"
BASE_IMAGE=localhost/base-jre:17
base_import_jre17 "$BASE_TAR" || fail "podman import of $BASE_TAR failed (delete it to have it built again)"
IMAGES+=("$BASE_IMAGE")

# ---------------------------------------------------------------------------------------------------------------------
# Jib pulls its base from a registry and pushes its result to one: a throw-away docker-registry on loopback.
phase "local registry"
REG_PORT=$(free_port)
REGISTRY="127.0.0.1:$REG_PORT"
mkdir -p "$WORK/registry"
cat > "$WORK/registry.yml" << EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $WORK/registry
http:
  addr: $REGISTRY
EOF
docker-registry serve "$WORK/registry.yml" > "$WORK/registry.log" 2>&1 &
REGISTRY_PID=$!
for _ in $(seq 1 60); do
    curl -fsS "http://$REGISTRY/v2/" > /dev/null 2>&1 && break
    kill -0 "$REGISTRY_PID" 2> /dev/null || { cat "$WORK/registry.log" >&2; fail "docker-registry did not start (log above)"; }
    sleep 0.5
done
curl -fsS "http://$REGISTRY/v2/" > /dev/null || fail "docker-registry on $REGISTRY does not answer (see $WORK/registry.log)"
podman push --quiet --tls-verify=false "$BASE_IMAGE" "$REGISTRY/base-jre:17"

# ---------------------------------------------------------------------------------------------------------------------
# One Maven run: the -Dcontainer artefact (no embedded PostgreSQL) in target/quarkus-app, and the Jib image built from
# it with the settings in application.properties ("Container image" block), pushed to the local registry.
phase "package -Dcontainer + Jib image"
VERSION=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -n 1)
REVISION=$(git rev-parse HEAD 2> /dev/null || echo unknown)
CREATED=$(date -u +%Y-%m-%dT%H:%M:%SZ)
JIB_IMAGE="$REGISTRY/cxone/cxone-theme-service:$RUN_ID"
./mvnw -B -q package -DskipTests -Dcontainer \
    -Dquarkus.container-image.build=true -Dquarkus.container-image.push=true \
    -Dquarkus.container-image.registry="$REGISTRY" -Dquarkus.container-image.insecure=true \
    -Dquarkus.container-image.tag="$RUN_ID" -Dquarkus.jib.base-jvm-image="$REGISTRY/base-jre:17" \
    -Dimage.revision="$REVISION" -Dimage.created="$CREATED" > "$WORK/maven.log" 2>&1 \
    || { tail -n 60 "$WORK/maven.log" >&2; fail "./mvnw package -Dcontainer with the Jib build failed (log above)"; }
podman pull --quiet --tls-verify=false "$JIB_IMAGE" > /dev/null
IMAGES+=("$JIB_IMAGE")

phase "podman build Dockerfile.jvm"
IMAGE="localhost/cxone-theme-service:$RUN_ID"
podman build --quiet -f src/main/docker/Dockerfile.jvm --build-arg BASE_IMAGE="$BASE_IMAGE" \
    --build-arg VERSION="$VERSION" --build-arg REVISION="$REVISION" --build-arg CREATED="$CREATED" \
    -t "$IMAGE" . > "$WORK/build.log" 2>&1 \
    || { cat "$WORK/build.log" >&2; fail "podman build of src/main/docker/Dockerfile.jvm failed (log above)"; }
IMAGES+=("$IMAGE")
# the AOT image's artefact (an aot-jar in target/quarkus-aot-app; target/quarkus-app is left as it is) while the plain
# images are tested; src/main/docker/build-aot-image.sh then runs with --skip-package
bg_start aot-jar ./mvnw -B -q package -DskipTests -Dcontainer -Dquarkus.package.jar.type=aot-jar \
    -Dquarkus.package.output-directory=quarkus-aot-app

# The two recipes must give the same runtime shape: user, entrypoint, working directory, ports, our environment
# variables and the OCI labels (buildah adds io.buildah.version; the base's PATH/JAVA_HOME come from the base).
shape() {
    podman image inspect "$1" --format '{{json .Config}}' | jq -S '{User, Entrypoint, WorkingDir, ExposedPorts,
        Env: ([.Env[] | select(startswith("PATH=") or startswith("JAVA_HOME=") | not)] | sort),
        Labels: (.Labels | with_entries(select(.key | startswith("org.opencontainers."))))}'
}
shape "$IMAGE" > "$WORK/shape-containerfile.json"
shape "$JIB_IMAGE" > "$WORK/shape-jib.json"
if ! diff -u "$WORK/shape-containerfile.json" "$WORK/shape-jib.json"; then
    fail "the Containerfile and Jib images differ (diff above): keep the [jib] lines of src/main/docker/Dockerfile.jvm and the [Containerfile] lines of application.properties in step"
fi
[ "$(jq -r .User "$WORK/shape-containerfile.json")" = "10001:10001" ] || fail "the image user is not 10001:10001"
if jq -e '.Env[] | select(startswith("CXONE_SIMULATOR"))' "$WORK/shape-containerfile.json" > /dev/null; then
    fail "the image sets CXONE_SIMULATOR: the simulator must stay off unless the deployment turns it on"
fi

# ---------------------------------------------------------------------------------------------------------------------
phase "PostgreSQL cluster + keys"
PGROOT=$(mktemp -d /tmp/cxone-ct-pg.XXXXXX)
chown postgres "$PGROOT"
PG_PORT=$(free_port)
PG_USER=cxone
PG_PASSWORD=$(openssl rand -hex 16)
PG_DB=cxone_themes
printf '%s\n' "$PG_PASSWORD" > "$PGROOT/pwfile"
chown postgres "$PGROOT/pwfile"
runuser -u postgres -- "$PG_BIN/initdb" -D "$PGROOT/data" -U "$PG_USER" --pwfile="$PGROOT/pwfile" \
    --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 > "$PGROOT/initdb.log" 2>&1 \
    || { cat "$PGROOT/initdb.log" >&2; fail "initdb failed (log above)"; }
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/postgresql.log" -w -t 60 \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PGROOT" start > /dev/null \
    || fail "pg_ctl start failed (log: $PGROOT/postgresql.log, printed below)"
export PGPASSWORD="$PG_PASSWORD"
sql() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d "${SQL_DB:-$PG_DB}" -Atc "$1"; }
SQL_DB=postgres sql "CREATE DATABASE $PG_DB"

# A second database for the AOT image's training run: the training writes drafts, publications and audit events, which
# must not mix with what this test checks.
SQL_DB=postgres sql "CREATE DATABASE cxone_aot_training"
export QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$PG_PORT/$PG_DB"
export QUARKUS_DATASOURCE_USERNAME="$PG_USER" QUARKUS_DATASOURCE_PASSWORD="$PG_PASSWORD"

# The service's environment is the Kubernetes ConfigMap's (deploy/kubernetes/base/config/config.env) with its
# placeholders replaced (img_service_env, src/main/docker/container-lib.sh): the database is the cluster above, tokens
# come from this script, and CXone is the service's own simulator (CXONE_SIMULATOR=true, no CXONE_BASE_URL/
# CXONE_TOKEN_URL). The key files (Secret cxone-theme-service-keys: the JWT verification key and the audit signing key)
# sit where the ConfigMap says that Secret is mounted, under the same names, readable by the image's group 10001 only,
# like a Secret volume with fsGroup 10001.
[ -f "$IMG_CONFIG_ENV" ] || fail "$IMG_CONFIG_ENV not found: the test takes the service's variables from the Kubernetes ConfigMap"
IMG_WORK="$WORK"
IMG_ISSUER="https://idp.example/cxone-theme-service-container-test"
img_keys secret || fail "could not make the keys"
SECRETS="$IMG_SECRETS"
KEYS_DIR="$IMG_KEYS_DIR"
TOKEN=$(img_mint_token '["theme-viewer","theme-editor","theme-publisher","auditor","simulator-admin"]')

service_env() { # $1 port: the env file of a service container (without APP_AUDIT_SIGNING_KEY; callers add it)
    img_service_env "$1" on | grep -v '^APP_AUDIT_SIGNING_KEY='
}
KEY_ENV="APP_AUDIT_SIGNING_KEY=$IMG_AUDIT_KEY_PATH"

run_service() { # $1 name, $2 image, $3 port, $4 env file: starts it detached, read-only, as the image's user
    podman run -d --name "$1" --read-only --tmpfs /tmp:rw,size=64m,mode=1777 --network host --memory 512m \
        --env-file "$4" -v "$SECRETS:$KEYS_DIR:ro" "$2" > /dev/null
    CONTAINERS+=("$1")
}
wait_ready() { # $1 name, $2 port: /q/health/ready answers 200; the ceiling only stops a hung run
    img_wait_ready "$1" "$2" 180 || fail "container $1 did not become ready (its log is below)"
}
check_user_and_fs() { # $1 name: the JVM runs as uid 10001 and only /tmp is writable
    local pid uid
    pid=$(podman inspect "$1" --format '{{.State.Pid}}')
    uid=$(awk '/^Uid:/ {print $2}' "/proc/$pid/status")
    [ "$uid" != 0 ] || fail "the JVM of $1 runs as root"
    [ "$(podman exec "$1" id -u)" = "$uid" ] || fail "id -u inside $1 differs from the JVM's uid $uid"
    [ "$(podman inspect "$1" --format '{{.HostConfig.ReadonlyRootfs}}')" = true ] || fail "$1 does not have a read-only root file system"
    if podman exec "$1" touch /deployments/probe 2> /dev/null; then fail "/deployments is writable in $1"; fi
    podman exec "$1" touch /tmp/probe || fail "/tmp is not writable in $1"
    echo "$1: JVM uid $uid, root file system read-only, /tmp writable; the service wrote there: $(podman exec "$1" ls -A /tmp | grep -v '^probe$' | tr '\n' ' ')"
}
start_checked() { # $1 name, $2 image, $3 port, then extra VAR=value lines: the service's environment with the signing
                  # key, started, ready, and running as a non-root user on a read-only root file system
    service_env "$3" > "$WORK/$1.env"
    echo "$KEY_ENV" >> "$WORK/$1.env"
    [ $# -lt 4 ] || printf '%s\n' "${@:4}" >> "$WORK/$1.env"
    local t0
    t0=$(date +%s%3N)
    run_service "$1" "$2" "$3" "$WORK/$1.env"
    wait_ready "$1" "$3"
    READY_MS=$(($(date +%s%3N) - t0))
    echo "$1: ready $READY_MS ms after podman run (one start; load average $(cut -d' ' -f1-3 /proc/loadavg))"
    check_user_and_fs "$1"
}
stop_service() { # $1 name: SIGTERM with a 45 s grace period; prints the exit code
    local t0 code
    t0=$(date +%s)
    podman stop -t 45 "$1" > /dev/null
    code=$(podman inspect "$1" --format '{{.State.ExitCode}}')
    echo "$1: stopped in $(($(date +%s) - t0)) s with exit code $code" >&2
    # Clean: 0, or 143 (128 + SIGTERM: the JVM ran its shutdown hooks - Quarkus's graceful stop - and then ends with the
    # signal's status, as every JVM does on SIGTERM). 137 would mean podman had to SIGKILL it after 45 s.
    case "$code" in
        0 | 143) ;;
        *) fail "$1 did not stop cleanly on SIGTERM: exit code $code (137 = killed after the 45 s grace period)" ;;
    esac
}

assert_no_leases() { # after a graceful stop no job row may name a lease owner (all instances here are stopped)
    local leftover
    leftover=$(sql "SELECT 'sync_jobs ' || id || ' ' || lease_owner FROM sync_jobs WHERE lease_owner IS NOT NULL
                    UNION ALL SELECT 'publications ' || id || ' ' || lease_owner FROM publications WHERE lease_owner IS NOT NULL")
    [ -z "$leftover" ] || fail "job leases still held after SIGTERM (another replica would wait for them to expire): $leftover"
}

# curl against the service on $PORT with the token: prints the HTTP status, the body goes to $WORK/body
api() { # $1 method, $2 path, $3 body (optional)
    local args=(-sS -o "$WORK/body" -w '%{http_code}' -X "$1" -H "Authorization: Bearer $TOKEN")
    [ $# -lt 3 ] || args+=(-H 'Content-Type: application/json' --data-binary "$3")
    curl "${args[@]}" "http://127.0.0.1:$PORT$2"
}
expect() { # $1 wanted status, $2 got, $3 what
    [ "$2" = "$1" ] || fail "$3: HTTP $2, wanted $1: $(head -c 2000 "$WORK/body")"
}

# ---------------------------------------------------------------------------------------------------------------------
# The release's migration, as a Kubernetes Job runs it: the image with -e APP_MIGRATE=only migrates and exits 0, before
# any replica starts. Replicas run with the image default APP_MIGRATE=check: they never migrate (not ready while the
# schema is behind).
phase "migration: the image with APP_MIGRATE=only"
[ "$(podman image inspect "$IMAGE" --format '{{range .Config.Env}}{{println .}}{{end}}' | grep '^APP_MIGRATE=')" = APP_MIGRATE=check ] \
    || fail "the image does not default to APP_MIGRATE=check"
MIGRATE="cxone-theme-service-migrate-$RUN_ID"
CONTAINERS+=("$MIGRATE")
set +e
timeout 300 podman run --name "$MIGRATE" --read-only --tmpfs /tmp --network host --memory 512m -e APP_MIGRATE=only \
    -e QUARKUS_DATASOURCE_REACTIVE_URL -e QUARKUS_DATASOURCE_USERNAME -e QUARKUS_DATASOURCE_PASSWORD \
    "$IMAGE" > "$WORK/migrate.log" 2>&1
migrate_rc=$?
set -e
[ "$migrate_rc" = 0 ] || { cat "$WORK/migrate.log" >&2; fail "APP_MIGRATE=only ended with exit code $migrate_rc, wanted 0 (output above)"; }
grep 'APP_MIGRATE=only' "$WORK/migrate.log" || true
schema=$(sql "SELECT max(version::int) FROM flyway_schema_history WHERE success")
[ -n "$schema" ] || fail "APP_MIGRATE=only exited 0 but flyway_schema_history has no successful migration"
echo "schema at version $schema before any replica starts"

# ---------------------------------------------------------------------------------------------------------------------
phase "service container: start until ready"
PORT=$(free_port)
NAME="cxone-theme-service-$RUN_ID"
start_checked "$NAME" "$IMAGE" "$PORT"
# the heap the image's JAVA_TOOL_OPTIONS give a 512 MiB container (a second JVM in it, with the same environment)
heap=$(podman exec "$NAME" java -XX:+PrintFlagsFinal -version 2> /dev/null | awk '$2 == "MaxHeapSize" {print int($4 / 1048576)}')
echo "$NAME: max heap ${heap} MiB in a 512 MiB container"
[ -n "$heap" ] && [ "$heap" -gt 256 ] && [ "$heap" -lt 512 ] || fail "max heap '$heap' MiB: MaxRAMPercentage=70 of 512 MiB should give ~358"
# a user's JDK_JAVA_OPTIONS (read by the launcher after JAVA_TOOL_OPTIONS) overrides the image's default
heap=$(podman exec -e JDK_JAVA_OPTIONS=-XX:MaxRAMPercentage=25 "$NAME" java -XX:+PrintFlagsFinal -version 2> /dev/null \
    | awk '$2 == "MaxHeapSize" {print int($4 / 1048576)}')
echo "$NAME: max heap ${heap} MiB with JDK_JAVA_OPTIONS=-XX:MaxRAMPercentage=25"
[ -n "$heap" ] && [ "$heap" -lt 200 ] || fail "JDK_JAVA_OPTIONS=-XX:MaxRAMPercentage=25 did not override the image's 70 % (heap '$heap' MiB)"
# (to a file first: grep -q would end the pipe early, and pipefail would count podman's SIGPIPE as a failure)
podman logs "$NAME" > "$WORK/start.log" 2>&1
grep -q "CXone simulator ON in a packaged service" "$WORK/start.log" \
    || fail "the simulator did not announce itself although CXONE_SIMULATOR=true"

phase "draft, publish to ACTIVE"
publish_to_active() { # creates a draft and publishes it to widget $1 through the instance on $PORT; sets THEME_ID, PUBLICATION
    expect 201 "$(api POST /api/v1/themes "$THEME_BODY")" "POST /api/v1/themes"
    THEME_ID=$(jq -r .id "$WORK/body")
    expect 202 "$(api POST "/api/v1/widgets/$1/publications" "{\"themeId\":\"$THEME_ID\"}")" "POST /api/v1/widgets/$1/publications"
    PUBLICATION=$(jq -r .id "$WORK/body")
    local deadline=$(($(date +%s) + 120)) state
    while :; do
        expect 200 "$(api GET "/api/v1/publications/$PUBLICATION")" "GET /api/v1/publications/$PUBLICATION"
        state=$(jq -r .state "$WORK/body")
        case "$state" in
            ACTIVE) break ;;
            FAILED) fail "publication $PUBLICATION FAILED: $(cat "$WORK/body")" ;;
        esac
        [ "$(date +%s)" -lt "$deadline" ] || fail "publication $PUBLICATION still $state after 120 s: $(cat "$WORK/body")"
        sleep 0.5
    done
    echo "publication $PUBLICATION of theme $THEME_ID on widget $1 is ACTIVE"
}
THEME_BODY='{"name":"Container test","backgroundColor":"#1A1A1A","primaryColor":"#00E676",
  "font":{"family":"Inter","sizePx":14,"weight":500,"color":"#FFFFFF"},
  "buttons":[{"label":"Start Chat","color":"#00E676","textColor":"#000000","position":"center"}],
  "borderRadiusPx":8,"maxWidthPx":360}'
publish_to_active ct-home

# Every simulated CXone call now takes 25 s (below the client's 30 s timeout): a 1,000-widget job (20 batches, 8 in
# flight) runs for over a minute, so the instance certainly holds the job's lease when SIGTERM comes.
phase "sync job holding a lease, SIGTERM"
expect 200 "$(api PUT /simulator/admin/faults '{"latencyMs":25000}')" "PUT /simulator/admin/faults"
WIDGETS=$(jq -cn '[range(0; 1000) | "ct-\(.)"]')
expect 202 "$(api POST /api/v1/sync-jobs "{\"publicationId\":\"$PUBLICATION\",\"widgetIds\":$WIDGETS,\"overrideExisting\":true}")" \
    "POST /api/v1/sync-jobs"
JOB=$(jq -r .id "$WORK/body")
deadline=$(($(date +%s) + 60))
while :; do
    OWNER=$(sql "SELECT lease_owner FROM sync_jobs WHERE id = '$JOB' AND state = 'RUNNING' AND lease_until > now()")
    [ -z "$OWNER" ] || break
    [ "$(date +%s)" -lt "$deadline" ] || fail "sync job $JOB not RUNNING under a lease after 60 s: $(sql "SELECT state, lease_owner, lease_until FROM sync_jobs WHERE id = '$JOB'")"
    sleep 0.5
done
echo "sync job $JOB is RUNNING, leased by $OWNER"
stop_service "$NAME"
assert_no_leases
job_state=$(sql "SELECT state FROM sync_jobs WHERE id = '$JOB'")
[ "$job_state" = RUNNING ] || fail "sync job $JOB ended $job_state before SIGTERM: the test did not catch it holding a lease"
echo "after SIGTERM: job $JOB is $job_state with no lease owner (released by $OWNER, not expired)"

# ---------------------------------------------------------------------------------------------------------------------
# Without APP_AUDIT_SIGNING_KEY the service would generate a key under its data directory, which is read-only here:
# the start must fail and say which variable to set, not limp along with a key lost at every restart.
phase "no APP_AUDIT_SIGNING_KEY: refuses to start"
NOKEY="cxone-theme-service-nokey-$RUN_ID"
service_env "$(free_port)" > "$WORK/nokey.env"
CONTAINERS+=("$NOKEY")
set +e
timeout 180 podman run --name "$NOKEY" --read-only --tmpfs /tmp --network host --env-file "$WORK/nokey.env" \
    -v "$SECRETS:$KEYS_DIR:ro" "$IMAGE" > "$WORK/nokey.log" 2>&1
nokey_rc=$?
set -e
[ "$nokey_rc" != 0 ] && [ "$nokey_rc" != 124 ] || fail "without APP_AUDIT_SIGNING_KEY the container did not stop with an error (rc $nokey_rc)"
grep -q "APP_AUDIT_SIGNING_KEY" "$WORK/nokey.log" \
    || { tail -n 40 "$WORK/nokey.log" >&2; fail "the failed start without a signing key does not name APP_AUDIT_SIGNING_KEY (log above)"; }
echo "without APP_AUDIT_SIGNING_KEY: exit code $nokey_rc, and the log says: $(grep -o 'cannot create the audit signing key[^:]*([^)]*)' "$WORK/nokey.log" | head -n 1)"

# ---------------------------------------------------------------------------------------------------------------------
phase "Jib image: start until ready, SIGTERM"
JIB_PORT=$(free_port)
JIB_NAME="cxone-theme-service-jib-$RUN_ID"
start_checked "$JIB_NAME" "$JIB_IMAGE" "$JIB_PORT"
# the job released at SIGTERM is taken over at once (a lease left behind would keep it waiting app.jobs.sync.lease, 15 s);
# this instance's own simulator does not know the job's theme, so the job may also simply end here
deadline=$(($(date +%s) + 30))
while :; do
    taken=$(sql "SELECT state || ' ' || coalesce(lease_owner, '-') FROM sync_jobs WHERE id = '$JOB'")
    case "$taken" in
        "RUNNING -") ;;
        "RUNNING $OWNER") fail "sync job $JOB is leased again by the stopped instance $OWNER" ;;
        *) break ;;
    esac
    [ "$(date +%s)" -lt "$deadline" ] || fail "sync job $JOB not taken over by the Jib instance within 30 s"
    sleep 0.5
done
echo "sync job $JOB taken over by the Jib instance: $taken"
stop_service "$JIB_NAME"
assert_no_leases

# ---------------------------------------------------------------------------------------------------------------------
# The AOT image: the aot-jar (packaged in the background since the plain build) on the JDK 25 base (made in the
# background since the start), trained by src/main/docker/build-aot-image.sh against the second database.
phase "AOT image: wait for the JDK 25 base and the aot-jar"
bg_wait base-jre-25
BASE25_TAR=$(tail -n 1 "$WORK/base-jre-25.log")
[ -s "$BASE25_TAR" ] || { cat "$WORK/base-jre-25.log" >&2; fail "no JDK 25 base tar (output above)"; }
base_import_jre25 "$BASE25_TAR" || fail "podman import of $BASE25_TAR failed (delete it to have it built again)"
IMAGES+=(localhost/base-jre:25)
bg_wait aot-jar

phase "AOT image: build, train, add the cache"
AOT_IMAGE="localhost/cxone-theme-service:$RUN_ID-aot"
IMAGES+=("$AOT_IMAGE")
# the check start with -XX:AOTMode=on is done below, with more checks: --no-verify
QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$PG_PORT/cxone_aot_training" \
    src/main/docker/build-aot-image.sh --base localhost/base-jre:25 --tag "$AOT_IMAGE" --skip-package --no-verify \
    --build-arg VERSION="$VERSION" --build-arg REVISION="$REVISION" --build-arg CREATED="$CREATED" \
    2>&1 | sed 's/^/    /'
# the plain image's shape, plus -XX:AOTCache at the end of JAVA_TOOL_OPTIONS (nothing else may differ)
AOT_FLAG=" -XX:AOTCache=/deployments/app.aot"
shape "$AOT_IMAGE" > "$WORK/shape-aot.json"
jq -e --arg flag "$AOT_FLAG" '.Env[] | select(startswith("JAVA_TOOL_OPTIONS=") and endswith($flag))' "$WORK/shape-aot.json" > /dev/null \
    || fail "the AOT image's JAVA_TOOL_OPTIONS does not end with$AOT_FLAG: $(jq -c .Env "$WORK/shape-aot.json")"
jq -S --arg flag "$AOT_FLAG" '.Env |= map(if startswith("JAVA_TOOL_OPTIONS=") then rtrimstr($flag) else . end)' \
    "$WORK/shape-aot.json" > "$WORK/shape-aot-normalized.json"
if ! diff -u "$WORK/shape-containerfile.json" "$WORK/shape-aot-normalized.json"; then
    fail "the AOT image differs from Dockerfile.jvm's image in more than -XX:AOTCache (diff above): keep src/main/docker/Dockerfile.jvm-aot in step with Dockerfile.jvm"
fi
java_home=$(podman image inspect "$AOT_IMAGE" --format '{{range .Config.Env}}{{println .}}{{end}}' | sed -n 's/^JAVA_HOME=//p')
echo "AOT image: $(podman run --rm --entrypoint java "$AOT_IMAGE" -XX:-UsePerfData -XX:AOTMode=off -version 2>&1 | grep -v '^Picked up' | head -n 1) at $java_home"

# -XX:AOTMode=on: the JVM refuses to start when the cache cannot be used (another JDK build, a changed jar), where the
# image's default (auto) would print an error and run without it; -Xlog:aot says whether the AOT-linked classes are used
phase "AOT image: start with -XX:AOTMode=on until ready"
AOT_PORT=$(free_port)
AOT_NAME="cxone-theme-service-aot-$RUN_ID"
start_checked "$AOT_NAME" "$AOT_IMAGE" "$AOT_PORT" "JDK_JAVA_OPTIONS=-XX:AOTMode=on -Xlog:aot=info"
podman logs "$AOT_NAME" > "$WORK/aot.log" 2>&1
grep -q 'Using AOT-linked classes: true' "$WORK/aot.log" \
    || fail "$AOT_NAME started, but -Xlog:aot does not say 'Using AOT-linked classes: true'"
grep 'Using AOT-linked classes' "$WORK/aot.log" | head -n 1

phase "AOT image: publish to ACTIVE, SIGTERM"
PORT=$AOT_PORT
publish_to_active ct-aot
stop_service "$AOT_NAME"
assert_no_leases

phase ""
FAILED=0
echo "container-test: passed in $(($(date +%s) - START)) s"
printf '%s' "$TIMINGS"
