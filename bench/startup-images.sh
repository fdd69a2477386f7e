# ---- bench/startup.sh's image modes (sourced by it, not run) --------------------------------------------------------
#   image-plain  src/main/docker/Dockerfile.jvm on the Debian JRE 17 base (the plain image CI tests)
#   image-aot    src/main/docker/Dockerfile.jvm-aot on a jlink runtime of the machine's Temurin 25, its AOT cache
#                trained by src/main/docker/build-aot-image.sh against a second database of the bench's cluster
# Each start is `podman run` of the image as a replica runs it: read-only with a tmpfs /tmp, --memory 512m (the pod's
# limit: the heap ergonomics the host modes get from -XX:MaxRAM=512m), --network host, the Kubernetes ConfigMap's
# environment (deploy/kubernetes/base/config/config.env with the placeholders replaced for the local database, the
# simulator on, APP_JOBS=on as the host modes have it) and the image default APP_MIGRATE=check. first200 is measured
# from the `podman run` command, so it includes creating the container (runc); RSS is the container's java process,
# read on the host through /proc of its host pid (podman inspect {{.State.Pid}}).
#
# The interface is the one of bench/startup.sh's modes: images_prepare [plain] [aot] once (after the database is up:
# needs PG_PORT, PG_USER and WORK; before anything else packages target/quarkus-app, since the images are built from
# the -Dcontainer package), then per start start_image-plain / start_image-aot, which set APP_PID (the host pid, so
# bench_stop_app stops it: SIGTERM, and --rm removes the container), PORT, FIRST200_MS, RSS_START and, when CLASS_LOG
# is set, CLASSES (the lines -Xlog:class+load=info:file wrote until the first 200, through a mounted directory; the
# file is copied to CLASS_LOG); the container's log goes to $WORK/app.log. load_image-plain / load_image-aot N: N
# validate requests with a token the image's audience accepts. images_cleanup removes the containers and images.
# Needs root (podman with runc, mmdebstrap for the bases: .ci/base-images.sh).

source .ci/base-images.sh
source src/main/docker/container-lib.sh

IMAGE_PLAIN="localhost/cxone-theme-service:bench-plain"
IMAGE_AOT="localhost/cxone-theme-service:bench-aot"
IMAGE_CONTAINERS=()
PG_USER="${PG_USER:-bench}"

images_prepare() {
    local want=" $* "
    command -v podman > /dev/null && command -v mmdebstrap > /dev/null && command -v runc > /dev/null && command -v jq > /dev/null \
        || { echo "installing podman runc mmdebstrap jq" >&2; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman runc mmdebstrap jq > /dev/null; }
    mkdir -p "$WORK/images"
    base_podman_conf "$WORK/images"
    echo "image modes: the Debian bases (cached per day in $BASE_CACHE) ..." >&2
    local tar17 tar25
    tar17=$(base_jre17_tar) && base_import_jre17 "$tar17" || return 1
    if [[ "$want" == *" aot "* ]]; then
        tar25=$(base_jre25_tar) && base_import_jre25 "$tar25" || return 1
    fi
    echo "image modes: the plain image (package -Dcontainer, Dockerfile.jvm) ..." >&2
    ./mvnw -B -q package -DskipTests -Dcontainer
    podman build --quiet -f src/main/docker/Dockerfile.jvm --build-arg BASE_IMAGE=localhost/base-jre:17 \
        -t "$IMAGE_PLAIN" . > /dev/null
    # the keys, token and environment of every image start (a throw-away JWT key pair and audit key)
    IMG_WORK="$WORK/images"
    IMG_ISSUER=bench-images
    img_keys open
    IMAGE_TOKEN=$(img_mint_token '["theme-viewer"]')
    # the bench's database at this build's schema, as the release's migration Job leaves it (the images never migrate)
    podman run --rm --network host --read-only --tmpfs /tmp -e APP_MIGRATE=only \
        -e QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$PG_PORT/postgres" \
        -e QUARKUS_DATASOURCE_USERNAME="$PG_USER" -e QUARKUS_DATASOURCE_PASSWORD=unused "$IMAGE_PLAIN" >&2
    [[ "$want" == *" aot "* ]] || return 0
    echo "image modes: the AOT image (src/main/docker/build-aot-image.sh, trained against database aot_training) ..." >&2
    psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -c 'DROP DATABASE IF EXISTS aot_training' \
        -c 'CREATE DATABASE aot_training'
    QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$PG_PORT/aot_training" \
        QUARKUS_DATASOURCE_USERNAME="$PG_USER" QUARKUS_DATASOURCE_PASSWORD=unused \
        src/main/docker/build-aot-image.sh --base localhost/base-jre:25 --tag "$IMAGE_AOT" 2>&1 | sed 's/^/    /' >&2
}

# _image_start IMAGE: see the head of this file
_image_start() {
    local image="$1" name t0 classes_dir="$WORK/images/classes" log=()
    PORT=$(img_free_port)
    name="bench-$(basename "${image//:/-}")-$PORT"
    QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$PG_PORT/postgres" QUARKUS_DATASOURCE_USERNAME="$PG_USER" \
        QUARKUS_DATASOURCE_PASSWORD=unused img_service_env "$PORT" on > "$WORK/images/service.env"
    if [[ -n "${CLASS_LOG:-}" ]]; then
        rm -rf "$classes_dir"
        mkdir -m 0777 "$classes_dir"
        log=(-v "$classes_dir:/bench-classes" -e "JDK_JAVA_OPTIONS=-Xlog:class+load=info:file=/bench-classes/class-load.log:none")
    fi
    IMAGE_CONTAINERS+=("$name")
    t0=$(date +%s%3N)
    rm -f "$WORK/app.log"
    podman run -d --rm --name "$name" --read-only --tmpfs /tmp:rw,size=64m,mode=1777 --memory 512m --network host \
        --log-driver k8s-file --log-opt "path=$WORK/app.log" \
        --env-file "$WORK/images/service.env" -v "$IMG_SECRETS:$IMG_KEYS_DIR:ro" "${log[@]}" "$image" > /dev/null
    APP_PID=$(podman inspect "$name" --format '{{.State.Pid}}')
    until curl -sf -o /dev/null "http://127.0.0.1:$PORT/q/health/ready"; do
        kill -0 "$APP_PID" 2> /dev/null || { tail -40 "$WORK/app.log" >&2; echo "the container $name exited" >&2; exit 1; }
        sleep 0.02
    done
    FIRST200_MS=$(($(date +%s%3N) - t0))
    if [[ -n "${CLASS_LOG:-}" ]]; then
        CLASSES=$(wc -l < "$classes_dir/class-load.log")
        cp "$classes_dir/class-load.log" "$CLASS_LOG"
    fi
    RSS_START=$(awk '/^VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$APP_PID/status")
}
start_image-plain() { _image_start "$IMAGE_PLAIN"; }
start_image-aot() { _image_start "$IMAGE_AOT"; }

# load N: N POST /api/v1/themes/validate, 8 at a time, with the image token; fails on any non-2xx answer
_image_load() {
    ab -q -n "$1" -c 8 -p "$WORK/theme.json" -T application/json -H "Authorization: Bearer $IMAGE_TOKEN" \
        "http://127.0.0.1:$PORT/api/v1/themes/validate" > "$WORK/ab.log" 2>&1
    ! grep -q "Non-2xx responses" "$WORK/ab.log" || { cat "$WORK/ab.log" >&2; echo "validate answered non-2xx" >&2; exit 1; }
}
load_image-plain() { _image_load "$@"; }
load_image-aot() { _image_load "$@"; }

images_cleanup() {
    local c
    for c in "${IMAGE_CONTAINERS[@]}"; do podman rm -f "$c" > /dev/null 2>&1 || true; done
    podman rmi -f "$IMAGE_AOT" "$IMAGE_PLAIN" > /dev/null 2>&1 || true
    # the bases are imported again from the cached tars at every run (an import under a taken name leaves the old one)
    podman rmi localhost/base-jre:25 localhost/base-jre:17 > /dev/null 2>&1 || true
    # the builds' intermediate images (the build cache), recognisable by the service's label
    podman image prune -f --filter label=org.opencontainers.image.title=cxone-theme-service > /dev/null 2>&1 || true
}
