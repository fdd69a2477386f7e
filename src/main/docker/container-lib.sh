# Shared shell of the scripts that run the service's images (sourced, not run; bash, from the repository root):
# src/main/docker/build-aot-image.sh, .ci/container-test.sh and bench/startup.sh. It gives them one way to derive a
# container's environment from the Kubernetes ConfigMap, to make the keys the Secret would hold, to mint a bearer
# token the service accepts, and to wait for readiness. Needs openssl, jq and curl; the engine is $IMG_ENGINE (podman).
#
# Inputs (set before calling): IMG_WORK, a private directory for keys; IMG_ISSUER, the token issuer the containers are
# told to trust; the datasource in QUARKUS_DATASOURCE_REACTIVE_URL / _USERNAME / _PASSWORD (and optionally _JDBC_URL).

IMG_ENGINE="${IMG_ENGINE:-podman}"
IMG_CONFIG_ENV="${IMG_CONFIG_ENV:-deploy/kubernetes/base/config/config.env}"
IMG_ISSUER="${IMG_ISSUER:-https://idp.example/cxone-theme-service-local}"

# img_free_port: a TCP port nothing listens on now, outside the ephemeral range that outgoing connections use
img_free_port() {
    local p
    for _ in $(seq 1 100); do
        p=$((20000 + RANDOM % 12000))
        if [ -z "$(ss -Htln "sport = :$p")" ]; then
            echo "$p"
            return 0
        fi
    done
    echo "no free TCP port found between 20000 and 32000" >&2
    return 1
}

# img_config_value KEY: the value the ConfigMap's file gives KEY
img_config_value() { sed -n "s/^$1=//p" "$IMG_CONFIG_ENV"; }

# img_keys MODE: the files of the Secret cxone-theme-service-keys in $IMG_WORK/secrets, named as the ConfigMap's
# APP_AUDIT_SIGNING_KEY and MP_JWT_VERIFY_PUBLICKEY_LOCATION say, to be mounted read-only at IMG_KEYS_DIR: a fresh
# JWT key pair (the private half stays in $IMG_WORK/jwt-private.pem, for img_mint_token) and a fresh audit signing key.
# MODE secret: readable by group 10001 only, as a Secret volume with fsGroup 10001 (needs root for chgrp);
# MODE open: world-readable (throw-away keys of a training run; works with rootless podman too).
# Sets IMG_SECRETS (host directory), IMG_KEYS_DIR (where the container sees it), IMG_AUDIT_KEY_PATH, IMG_AUDIENCE.
img_keys() {
    local mode="$1" jwt_path
    IMG_AUDIT_KEY_PATH=$(img_config_value APP_AUDIT_SIGNING_KEY)
    jwt_path=$(img_config_value MP_JWT_VERIFY_PUBLICKEY_LOCATION)
    jwt_path=${jwt_path#file:}
    IMG_KEYS_DIR=$(dirname "$IMG_AUDIT_KEY_PATH")
    if [ -z "$IMG_AUDIT_KEY_PATH" ] || [ "$(dirname "$jwt_path")" != "$IMG_KEYS_DIR" ]; then
        echo "$IMG_CONFIG_ENV: APP_AUDIT_SIGNING_KEY and MP_JWT_VERIFY_PUBLICKEY_LOCATION (file:) must name files in one mounted directory" >&2
        return 1
    fi
    IMG_AUDIENCE=$(img_config_value MP_JWT_VERIFY_AUDIENCES | cut -d, -f1)
    IMG_SECRETS="$IMG_WORK/secrets"
    rm -rf "$IMG_SECRETS"
    mkdir -m 0755 "$IMG_SECRETS"
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$IMG_WORK/jwt-private.pem" 2> /dev/null
    chmod 0600 "$IMG_WORK/jwt-private.pem"
    openssl pkey -in "$IMG_WORK/jwt-private.pem" -pubout -out "$IMG_SECRETS/$(basename "$jwt_path")"
    openssl genpkey -algorithm ed25519 -out "$IMG_SECRETS/$(basename "$IMG_AUDIT_KEY_PATH")"
    openssl pkey -in "$IMG_SECRETS/$(basename "$IMG_AUDIT_KEY_PATH")" -pubout >> "$IMG_SECRETS/$(basename "$IMG_AUDIT_KEY_PATH")"
    if [ "$mode" = secret ]; then
        chgrp 10001 "$IMG_SECRETS" "$IMG_SECRETS"/*.pem
        chmod 0750 "$IMG_SECRETS"
        chmod 0440 "$IMG_SECRETS"/*.pem
    else
        chmod 0644 "$IMG_SECRETS"/*.pem
    fi
}

_img_b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# img_mint_token GROUPS: an RS256 JWT with the claims the service requires (iss, aud, sub, iat, exp, groups), valid
# 30 minutes, signed with the key img_keys made; GROUPS is a JSON array of roles
img_mint_token() {
    local now header payload signature
    now=$(date +%s)
    header=$(printf '{"alg":"RS256","typ":"JWT"}' | _img_b64url)
    payload=$(jq -cn --arg iss "$IMG_ISSUER" --arg aud "$IMG_AUDIENCE" --argjson now "$now" --argjson groups "$1" \
        '{iss: $iss, sub: "container-test", upn: "container-test", iat: $now, exp: ($now + 1800), groups: $groups}
         + (if $aud == "" then {} else {aud: $aud} end)' | _img_b64url)
    signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$IMG_WORK/jwt-private.pem" -binary | _img_b64url)
    printf '%s.%s.%s' "$header" "$payload" "$signature"
}

# img_service_env PORT [JOBS]: the env file of a service container. The ConfigMap's file with its placeholders
# replaced: the database is the one in QUARKUS_DATASOURCE_* (what the Deployment takes from the Secret included), tokens
# come from img_mint_token, CXone is the service's own simulator (CXONE_SIMULATOR=true, no CXONE_BASE_URL/TOKEN_URL),
# the audit key is the one img_keys made; APP_JOBS (not in the ConfigMap: each workload sets it) is JOBS, default on.
img_service_env() {
    grep -Ev '^[[:space:]]*(#|$)' "$IMG_CONFIG_ENV" \
        | grep -Ev '^(CXONE_BASE_URL|CXONE_TOKEN_URL|CXONE_SIMULATOR|QUARKUS_DATASOURCE_REACTIVE_URL|QUARKUS_DATASOURCE_JDBC_URL|MP_JWT_VERIFY_ISSUER|APP_AUDIT_SIGNING_KEY)='
    cat << EOF
CXONE_SIMULATOR=true
QUARKUS_DATASOURCE_REACTIVE_URL=$QUARKUS_DATASOURCE_REACTIVE_URL
QUARKUS_DATASOURCE_USERNAME=${QUARKUS_DATASOURCE_USERNAME:-}
QUARKUS_DATASOURCE_PASSWORD=${QUARKUS_DATASOURCE_PASSWORD:-}
MP_JWT_VERIFY_ISSUER=$IMG_ISSUER
APP_AUDIT_SIGNING_KEY=$IMG_AUDIT_KEY_PATH
APP_JOBS=${2:-on}
QUARKUS_HTTP_PORT=$1
EOF
    [ -z "${QUARKUS_DATASOURCE_JDBC_URL:-}" ] || echo "QUARKUS_DATASOURCE_JDBC_URL=$QUARKUS_DATASOURCE_JDBC_URL"
}

# img_wait_ready NAME PORT CEILING: until /q/health/ready on 127.0.0.1:PORT answers 200 (polled every 50 ms; whether
# the container still runs is asked once a second, as podman inspect costs CPU). Returns 1 when container NAME is no
# longer running, 2 after CEILING seconds (which only stops a hung run).
img_wait_ready() {
    local deadline=$(($(date +%s) + $3)) i=0
    until curl -fsS -o /dev/null "http://127.0.0.1:$2/q/health/ready" 2> /dev/null; do
        if [ $((i++ % 20)) = 19 ]; then
            if [ "$("$IMG_ENGINE" inspect "$1" --format '{{.State.Running}}' 2> /dev/null)" != true ]; then
                echo "container $1 exited before it was ready (exit code $("$IMG_ENGINE" inspect "$1" --format '{{.State.ExitCode}}' 2> /dev/null))" >&2
                return 1
            fi
            if [ "$(date +%s)" -ge "$deadline" ]; then
                echo "container $1 not ready on port $2 after $3 s" >&2
                return 2
            fi
        fi
        sleep 0.05
    done
}
