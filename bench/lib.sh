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
