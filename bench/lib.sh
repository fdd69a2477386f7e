# Shared by the bench scripts (sourced, not run).
# bench_token DIR GROUPS: makes a throw-away RSA key pair in DIR (private.pem, public.pem) and prints one RS256 bearer
# token (iss=bench, sub=bench, 1 h) whose groups claim is GROUPS, a JSON array such as '["theme-viewer"]'.
# The service accepts it with MP_JWT_VERIFY_PUBLICKEY_LOCATION=file:DIR/public.pem and MP_JWT_VERIFY_ISSUER=bench.
bench_token() {
    local dir="$1" groups="$2" now header payload sig
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/private.pem" 2>/dev/null
    openssl pkey -in "$dir/private.pem" -pubout -out "$dir/public.pem"
    now=$(date +%s)
    header=$(printf '{"alg":"RS256","typ":"JWT"}' | _b64url)
    payload=$(printf '{"iss":"bench","sub":"bench","upn":"bench","groups":%s,"iat":%d,"exp":%d}' \
        "$groups" "$now" $((now + 3600)) | _b64url)
    sig=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$dir/private.pem" -binary | _b64url)
    printf '%s.%s.%s' "$header" "$payload" "$sig"
}

_b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# bench_free_port: prints a TCP port that is free on 127.0.0.1 now.
bench_free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# bench_start_app [OPTION ...] [VAR=VALUE ...] [-- JAVA_OPTION ...]: starts the packaged service in the background,
# `java JAVA_OPTION... -Dquarkus.http.port=PORT -jar quarkus-run.jar` with VAR=VALUE... added to its environment, on a
# free loopback port, and waits until it answers 200 on /q/health/ready. Sets APP_PID (the JVM's own pid, for
# bench_stop_app), APP_PORT, APP_BASE (http://127.0.0.1:APP_PORT), APP_LOG and APP_READY_MS (ms from the launch to that
# 200). When the process ends first, or is not up after the timeout, it prints the log's last 40 lines, stops the
# process and returns 1 (under `set -e` an unguarded call ends the script). Options:
#   --jar PATH       the jar (default target/quarkus-app/quarkus-run.jar)
#   --cd             run from the jar's directory (AppCDS archives and AOT caches want the paths of their dump)
#   --java JAVA      the launcher (default java)
#   --port PORT      this port instead of a free one (to restart an instance where its clients look for it)
#   --log FILE       its output, appended (default $WORK/app.log)
#   --health PATH    what "up" means (default /q/health/ready; /q/health/live does not wait for the database)
#   --timeout S      seconds until it gives up (default 180)
#   --poll S         seconds between two polls (default 0.2)
bench_start_app() {
    local jar=target/quarkus-app/quarkus-run.jar cd_dir="" java=java port="" log="" health=/q/health/ready
    local timeout=180 poll=0.2 env=() opts=() t0 deadline
    while [[ $# -gt 0 ]]; do
        case "$1" in
            --jar) jar="$2"; shift 2 ;;
            --cd) cd_dir=1; shift ;;
            --java) java="$2"; shift 2 ;;
            --port) port="$2"; shift 2 ;;
            --log) log="$2"; shift 2 ;;
            --health) health="$2"; shift 2 ;;
            --timeout) timeout="$2"; shift 2 ;;
            --poll) poll="$2"; shift 2 ;;
            --) shift; opts=("$@"); break ;;
            *=*) env+=("$1"); shift ;;
            *) echo "bench_start_app: unknown argument $1" >&2; return 2 ;;
        esac
    done
    APP_PORT="${port:-$(bench_free_port)}"
    APP_BASE="http://127.0.0.1:$APP_PORT"
    APP_LOG="${log:-${WORK:?bench_start_app: set WORK or give --log}/app.log}"
    t0=$(date +%s%3N)
    if [[ -n "$cd_dir" ]]; then
        (cd "$(dirname "$jar")" && exec env "${env[@]}" "$java" "${opts[@]}" -Dquarkus.http.port="$APP_PORT" \
            -jar "$(basename "$jar")") >> "$APP_LOG" 2>&1 &
    else
        (exec env "${env[@]}" "$java" "${opts[@]}" -Dquarkus.http.port="$APP_PORT" -jar "$jar") >> "$APP_LOG" 2>&1 &
    fi
    APP_PID=$!
    deadline=$((t0 + timeout * 1000))
    until curl -fs -o /dev/null "$APP_BASE$health"; do
        if ! kill -0 "$APP_PID" 2> /dev/null; then
            tail -40 "$APP_LOG" >&2
            echo "the service (pid $APP_PID, port $APP_PORT) exited before $health answered 200; log: $APP_LOG" >&2
            APP_PID=""
            return 1
        fi
        if (( $(date +%s%3N) > deadline )); then
            tail -40 "$APP_LOG" >&2
            echo "the service (pid $APP_PID, port $APP_PORT) not up on $health after $timeout s; log: $APP_LOG" >&2
            bench_stop_app
            return 1
        fi
        sleep "$poll"
    done
    APP_READY_MS=$(( $(date +%s%3N) - t0 ))
}

# bench_stop_app [SECONDS]: stops the service whose pid is in APP_PID (TERM, up to SECONDS (default 10), then KILL)
# and clears APP_PID.
bench_stop_app() {
    local patience="${1:-10}"
    if [[ -n "${APP_PID:-}" ]] && kill -0 "$APP_PID" 2>/dev/null; then
        kill "$APP_PID" 2>/dev/null || true
        for _ in $(seq 1 $((patience * 5))); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.2; done
        kill -9 "$APP_PID" 2>/dev/null || true
    fi
    APP_PID=""
}

# bench_ensure_jar: builds target/quarkus-app when it is missing.
bench_ensure_jar() {
    if [[ ! -f target/quarkus-app/quarkus-run.jar ]]; then
        echo "building target/quarkus-app ..." >&2
        ./mvnw -B -q package -DskipTests
    fi
}
