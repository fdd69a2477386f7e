#!/usr/bin/env bash
# Builds the AOT image (src/main/docker/Dockerfile.jvm-aot; docs/images.md, "The AOT image"): the service on a
# JDK 25 runtime with an AOT cache trained by a run of that very image. From the repository root:
#
#   QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/aot_training \
#   QUARKUS_DATASOURCE_USERNAME=... QUARKUS_DATASOURCE_PASSWORD=... \
#   src/main/docker/build-aot-image.sh [--base IMAGE] [--tag IMAGE] [--rounds N] [--skip-package] [--no-verify]
#                                      [--build-arg NAME=VALUE]...
#
#   --base        a JDK 25 runtime with java on its PATH (default docker.io/library/eclipse-temurin:25-jre; CI passes
#                 localhost/base-jre:25 from .ci/base-images.sh). The cache belongs to this base's JDK build.
#   --tag         the image to build (default localhost/cxone-theme-service-aot:VERSION, VERSION the pom's: the
#                 Kubernetes overlays name it cxone-theme-service-aot, with the plain image's tag)
#   --rounds      training rounds of the request mix (default 5; each publishes one draft to ACTIVE)
#   --skip-package  use target/quarkus-aot-app as it is (default: ./mvnw package it as an aot-jar with -Dcontainer)
#   --no-verify   skip the check start (default: start the image once with -XX:AOTMode=on, which refuses to start
#                 without a usable cache, and check -Xlog:aot says the AOT-linked classes are used)
#   --build-arg   passed to both builds; VERSION, REVISION and CREATED default to the pom's version, git HEAD and now
#
# The training database (QUARKUS_DATASOURCE_REACTIVE_URL, _USERNAME, _PASSWORD; optionally _JDBC_URL for the migration)
# must be a SCRATCH database reachable from the host's network: the script migrates it (the image with
# APP_MIGRATE=only) and the training writes drafts, publications and audit events into it, signed by a throw-away key.
# The containers run with --network host, so a PostgreSQL on 127.0.0.1 works.
#
# What it does:
#   1. packages the aot-jar into target/quarkus-aot-app (-Dquarkus.package.jar.type=aot-jar: every jar on the JDK's
#      class path, so the cache can hold the application's classes; Java 17 bytecode as always);
#   2. builds stage `app` of Dockerfile.jvm-aot (the image without the cache) as TAG-training;
#   3. migrates the training database with it (APP_MIGRATE=only, exit code 0);
#   4. runs it as a replica does (read-only, the Kubernetes ConfigMap's environment, the image's JAVA_TOOL_OPTIONS, the
#      image default APP_MIGRATE=check, the simulator on, throw-away keys mounted where the Secret goes) with
#      JDK_JAVA_OPTIONS=-XX:AOTCacheOutput=/aot/app.aot (a directory mounted from target/quarkus-aot-cache), sends
#      the request mix (validate, preview, create a draft, read it, publish it to ACTIVE, list, audit, metrics), and
#      stops it with SIGTERM: on exit the JDK assembles the cache in a child JVM;
#   5. builds the whole Dockerfile.jvm-aot (stage app again from the build cache, plus the cache and -XX:AOTCache) and
#      checks that the result sits on exactly the layers the training ran on (the cache records each jar's size and
#      modification time);
#   6. starts it once with -XX:AOTMode=on -Xlog:aot and checks the cache is used (unless --no-verify).
# Prints each step's duration. Needs podman (IMG_ENGINE=docker should work too, untested), bash, curl, jq, openssl,
# ss; the JDK 25 is the base image's, none is needed on the host. Removes its containers and the TAG-training name.
set -euo pipefail
cd "$(dirname "$0")/../../.."
source src/main/docker/container-lib.sh

VERSION=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -n 1)
BASE=docker.io/library/eclipse-temurin:25-jre
TAG="localhost/cxone-theme-service-aot:$VERSION"
ROUNDS=5
PACKAGE=1
VERIFY=1
BUILD_ARGS=(--build-arg "VERSION=$VERSION"
    --build-arg "REVISION=$(git rev-parse HEAD 2> /dev/null || echo unknown)"
    --build-arg "CREATED=$(date -u +%Y-%m-%dT%H:%M:%SZ)")
while [ $# -gt 0 ]; do
    case "$1" in
        --base) BASE="$2"; shift 2 ;;
        --tag) TAG="$2"; shift 2 ;;
        --rounds) ROUNDS="$2"; shift 2 ;;
        --skip-package) PACKAGE=0; shift ;;
        --no-verify) VERIFY=0; shift ;;
        --build-arg) BUILD_ARGS+=(--build-arg "$2"); shift 2 ;;
        *) echo "unknown argument $1 (see the head of $0)" >&2; exit 2 ;;
    esac
done
[ -n "${QUARKUS_DATASOURCE_REACTIVE_URL:-}" ] \
    || { echo "set QUARKUS_DATASOURCE_REACTIVE_URL (and _USERNAME, _PASSWORD) to a scratch database for the training run" >&2; exit 2; }
TRAIN_IMAGE="$TAG-training"
case "$TAG" in *:*) TRAIN_IMAGE="${TAG%:*}:${TAG##*:}-training" ;; esac
APP_DIR=target/quarkus-aot-app
CACHE_DIR=target/quarkus-aot-cache
RUN_ID="aot$$"
IMG_WORK=$(mktemp -d /tmp/cxone-aot.XXXXXX)
IMG_ISSUER="https://idp.example/cxone-theme-service-aot-training"
CONTAINERS=()
STEP=""
STEP_START=$(date +%s)
START=$STEP_START

cleanup() {
    local rc=$?
    set +e
    for c in "${CONTAINERS[@]}"; do
        if [ "$rc" != 0 ]; then
            echo "----- log of container $c -----" >&2
            "$IMG_ENGINE" logs "$c" 2>&1 | tail -n 60 >&2
            echo "----- end of log of $c -----" >&2
        fi
        "$IMG_ENGINE" rm -f "$c" > /dev/null 2>&1
    done
    if [ "$IMG_ENGINE" = podman ]; then podman untag "$TRAIN_IMAGE" > /dev/null 2>&1; else "$IMG_ENGINE" rmi "$TRAIN_IMAGE" > /dev/null 2>&1; fi
    rm -rf "$IMG_WORK"
    [ "$rc" = 0 ] || echo "build-aot-image: FAILED in step '${STEP:-setup}' (rc $rc)" >&2
}
trap cleanup EXIT
fail() {
    echo "build-aot-image: $*" >&2
    exit 1
}
step() { # ends the current step (printing its duration) and starts the next one
    local now
    now=$(date +%s)
    [ -z "$STEP" ] || echo "build-aot-image: [$STEP] done in $((now - STEP_START)) s" >&2
    STEP=$1
    STEP_START=$now
    [ -z "$1" ] || echo "build-aot-image: [$1] ..." >&2
}

# ---------------------------------------------------------------------------------------------------------------------
if [ "$PACKAGE" = 1 ]; then
    step "package the aot-jar"
    ./mvnw -B -q package -DskipTests -Dcontainer -Dquarkus.package.jar.type=aot-jar \
        -Dquarkus.package.output-directory=quarkus-aot-app > "$IMG_WORK/maven.log" 2>&1 \
        || { tail -n 60 "$IMG_WORK/maven.log" >&2; fail "./mvnw package of the aot-jar failed (log above)"; }
fi
[ -f "$APP_DIR/quarkus-run.jar" ] || fail "no $APP_DIR/quarkus-run.jar (run without --skip-package)"

step "build the image to train"
"$IMG_ENGINE" build --quiet -f src/main/docker/Dockerfile.jvm-aot --target app --build-arg BASE_IMAGE="$BASE" \
    "${BUILD_ARGS[@]}" -t "$TRAIN_IMAGE" . > "$IMG_WORK/build.log" 2>&1 \
    || { cat "$IMG_WORK/build.log" >&2; fail "building stage app of Dockerfile.jvm-aot failed (log above)"; }
java_version=$("$IMG_ENGINE" run --rm --entrypoint java "$TRAIN_IMAGE" -XX:-UsePerfData -version 2>&1 \
    | grep -v '^Picked up' | head -n 1)
case "$java_version" in
    *'"25'*) echo "build-aot-image: base $BASE: $java_version" >&2 ;;
    *) fail "the base $BASE runs '$java_version': the AOT cache needs JDK 25" ;;
esac

# ---------------------------------------------------------------------------------------------------------------------
step "migrate the training database (APP_MIGRATE=only)"
img_keys open
MIGRATE="cxone-aot-migrate-$RUN_ID"
CONTAINERS+=("$MIGRATE")
migrate_env=(-e QUARKUS_DATASOURCE_REACTIVE_URL -e QUARKUS_DATASOURCE_USERNAME -e QUARKUS_DATASOURCE_PASSWORD)
[ -z "${QUARKUS_DATASOURCE_JDBC_URL:-}" ] || migrate_env+=(-e QUARKUS_DATASOURCE_JDBC_URL)
"$IMG_ENGINE" run --name "$MIGRATE" --network host --read-only --tmpfs /tmp "${migrate_env[@]}" -e APP_MIGRATE=only \
    "$TRAIN_IMAGE" > "$IMG_WORK/migrate.log" 2>&1 \
    || { cat "$IMG_WORK/migrate.log" >&2; fail "the migration (APP_MIGRATE=only) failed (output above)"; }
grep -h 'APP_MIGRATE=only' "$IMG_WORK/migrate.log" >&2 || true

# ---------------------------------------------------------------------------------------------------------------------
step "training run"
rm -rf "$CACHE_DIR"
mkdir -p "$CACHE_DIR"
chmod 0777 "$CACHE_DIR" # the image's user 10001 writes the cache there
PORT=$(img_free_port)
TRAIN="cxone-aot-train-$RUN_ID"
img_service_env "$PORT" on > "$IMG_WORK/train.env"
CONTAINERS+=("$TRAIN")
t0=$(date +%s%3N)
# -XX:MaxRAM=512m: the heap ergonomics of the 512 MiB pod the image is made for, without a memory limit on the
# container (the JDK assembles the cache in a second JVM beside the first one)
"$IMG_ENGINE" run -d --name "$TRAIN" --network host --read-only --tmpfs /tmp:rw,size=64m,mode=1777 \
    --env-file "$IMG_WORK/train.env" -e JDK_JAVA_OPTIONS="-XX:MaxRAM=512m -XX:AOTCacheOutput=/aot/app.aot" \
    -v "$IMG_SECRETS:$IMG_KEYS_DIR:ro" -v "$(pwd)/$CACHE_DIR:/aot" "$TRAIN_IMAGE" > /dev/null
img_wait_ready "$TRAIN" "$PORT" 300 || fail "the training container did not become ready (its log is below)"
echo "build-aot-image: training instance ready after $(($(date +%s%3N) - t0)) ms (recording is slower than a normal start)" >&2

TOKEN=$(img_mint_token '["theme-viewer","theme-editor","theme-publisher","auditor"]')
BASE_URL="http://127.0.0.1:$PORT"
THEME='{"name":"AOT training","backgroundColor":"#1A1A1A","primaryColor":"#00E676",
  "font":{"family":"Inter","sizePx":14,"weight":500,"color":"#FFFFFF"},
  "buttons":[{"label":"Start Chat","color":"#00E676","textColor":"#000000","position":"center"}],
  "borderRadiusPx":8,"maxWidthPx":360}'
call() { # WANTED METHOD PATH [BODY]: one request with the token; the body goes to $IMG_WORK/body
    local args=(-sS -o "$IMG_WORK/body" -w '%{http_code}' -X "$2" -H "Authorization: Bearer $TOKEN") code
    [ $# -lt 4 ] || args+=(-H 'Content-Type: application/json' --data-binary "$4")
    code=$(curl "${args[@]}" "$BASE_URL$3" || true)
    [ "$code" = "$1" ] || fail "training request $2 $3: HTTP $code, wanted $1: $(head -c 1000 "$IMG_WORK/body")"
}
for round in $(seq 1 "$ROUNDS"); do
    for _ in 1 2 3; do call 200 POST /api/v1/themes/validate "$THEME"; done
    call 200 POST /preview "$THEME"
    call 201 POST /api/v1/themes "$THEME"
    id=$(jq -r .id "$IMG_WORK/body")
    call 200 GET "/api/v1/themes/$id"
    call 200 GET "/preview/themes/$id"
    call 202 POST "/api/v1/widgets/aot-training-$round/publications" "{\"themeId\":\"$id\"}"
    publication=$(jq -r .id "$IMG_WORK/body")
    deadline=$(($(date +%s) + 120))
    while :; do
        call 200 GET "/api/v1/publications/$publication"
        state=$(jq -r .state "$IMG_WORK/body")
        [ "$state" != ACTIVE ] || break
        [ "$state" != FAILED ] || fail "training publication $publication FAILED: $(cat "$IMG_WORK/body")"
        [ "$(date +%s)" -lt "$deadline" ] || fail "training publication $publication still $state after 120 s"
        sleep 0.2
    done
    call 200 GET "/api/v1/widgets/aot-training-$round/publications"
    call 200 GET "/api/v1/themes?page=1&size=20"
    call 200 GET "/api/v1/audit"
    call 200 GET /q/health/ready
    call 200 GET /q/health/live
    call 200 GET /q/metrics
done
echo "build-aot-image: $ROUNDS training rounds sent (each: 3 validate, preview, create, read, stored preview, publish to ACTIVE, list, audit, health, metrics)" >&2

step "SIGTERM, the JDK assembles the cache"
# the service stops gracefully (up to quarkus.shutdown.timeout), then the JDK writes the cache before the process ends
"$IMG_ENGINE" stop -t 600 "$TRAIN" > /dev/null
code=$("$IMG_ENGINE" inspect "$TRAIN" --format '{{.State.ExitCode}}')
# kept beside the cache (not copied into the image): the JDK's [aot] lines say which classes it left out and why
"$IMG_ENGINE" logs "$TRAIN" > "$CACHE_DIR/training.log" 2>&1
case "$code" in 0 | 143) ;; *) tail -n 40 "$CACHE_DIR/training.log" >&2; fail "the training run ended with exit code $code (log above)" ;; esac
grep -q 'AOTCache creation is complete' "$CACHE_DIR/training.log" && [ -s "$CACHE_DIR/app.aot" ] \
    || { tail -n 40 "$CACHE_DIR/training.log" >&2; fail "the JDK wrote no AOT cache (log above)"; }
# readable by the image build (with rootless podman the file belongs to a sub-uid: then it stays as the JDK made it)
chmod 0644 "$CACHE_DIR/app.aot" 2> /dev/null || true
chmod 0755 "$CACHE_DIR"
echo "build-aot-image: cache $(du -m "$CACHE_DIR/app.aot" | cut -f1) MB; the JDK's warnings while assembling it: $(grep -c '\[warning\]\[aot\]' "$CACHE_DIR/training.log" || true) (classes it left out: $CACHE_DIR/training.log)" >&2

# ---------------------------------------------------------------------------------------------------------------------
step "build the image with the cache"
"$IMG_ENGINE" build --quiet -f src/main/docker/Dockerfile.jvm-aot --build-arg BASE_IMAGE="$BASE" "${BUILD_ARGS[@]}" \
    -t "$TAG" . > "$IMG_WORK/build.log" 2>&1 \
    || { cat "$IMG_WORK/build.log" >&2; fail "building Dockerfile.jvm-aot failed (log above)"; }
layers() { "$IMG_ENGINE" image inspect "$1" --format '{{range .RootFS.Layers}}{{println .}}{{end}}' | grep .; }
trained=$(layers "$TRAIN_IMAGE")
[ "$(layers "$TAG" | head -n "$(wc -l <<< "$trained")")" = "$trained" ] \
    || fail "$TAG is not built on the layers of the trained image $TRAIN_IMAGE (was the build cache bypassed?): its cache would not match"

if [ "$VERIFY" = 1 ]; then
    step "check start with -XX:AOTMode=on"
    PORT=$(img_free_port)
    CHECK="cxone-aot-check-$RUN_ID"
    img_service_env "$PORT" off > "$IMG_WORK/check.env"
    CONTAINERS+=("$CHECK")
    t0=$(date +%s%3N)
    "$IMG_ENGINE" run -d --name "$CHECK" --network host --read-only --tmpfs /tmp:rw,size=64m,mode=1777 --memory 512m \
        --env-file "$IMG_WORK/check.env" -e JDK_JAVA_OPTIONS="-XX:AOTMode=on -Xlog:aot=info" \
        -v "$IMG_SECRETS:$IMG_KEYS_DIR:ro" "$TAG" > /dev/null
    img_wait_ready "$CHECK" "$PORT" 180 || fail "$TAG did not start with -XX:AOTMode=on (its log is below)"
    ready_ms=$(($(date +%s%3N) - t0))
    "$IMG_ENGINE" logs "$CHECK" > "$IMG_WORK/check.log" 2>&1
    grep -q 'Using AOT-linked classes: true' "$IMG_WORK/check.log" \
        || fail "$TAG started but -Xlog:aot does not say 'Using AOT-linked classes: true'"
    "$IMG_ENGINE" stop -t 45 "$CHECK" > /dev/null
    echo "build-aot-image: $TAG ready $ready_ms ms after podman run (one start, this machine's load: $(cut -d' ' -f1-3 /proc/loadavg)), AOT cache in use" >&2
fi

step ""
echo "build-aot-image: built $TAG in $(($(date +%s) - START)) s"
