#!/usr/bin/env bash
# A portal's first steps, for real: generates clients from the document the packaged service serves and uses them.
#   .ci/openapi-client.sh
# Builds nothing of the service itself: it starts target/quarkus-app/quarkus-run.jar (./mvnw -B -q package -DskipTests)
# on a free loopback port with the built-in simulator as CXone and a throw-away RS256 key (issuer openapi-client-ci),
# saves /q/openapi?format=json, and then
#   1. Java: OpenAPI Generator (java, native library) generates a client from the saved document in the standalone
#      Maven project .ci/openapi-client/, whose test (PortalFlowTest) drives the running service through it: validate,
#      create a draft, publish (202 + Location), poll until ACTIVE, read the audit, read a refused request as a typed
#      Problem. The build fails when the generator warns about the document (the lines are printed).
#   2. TypeScript: openapi-typescript turns the same document into types, and tsc --strict type-checks a portal-style
#      call file (.ci/openapi-client/portal.ts) against them (npm packages through npx, pinned).
# Stops the service at the end. Needs java, curl, openssl, python3, node/npm.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
client="$root/.ci/openapi-client"
jar="$root/target/quarkus-app/quarkus-run.jar"
[ -f "$jar" ] || { echo "no $jar: build it first (./mvnw -B -q package -DskipTests)" >&2; exit 1; }

work=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/jwt-private.pem" 2>/dev/null
openssl pkey -in "$work/jwt-private.pem" -pubout -out "$work/jwt-public.pem"
issuer=openapi-client-ci
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
# the embedded database in its own data directory, so that nothing of another run is seen
(cd "$work" && CXONE_SIMULATOR=true QUARKUS_HTTP_PORT=$port QUARKUS_HTTP_HOST=127.0.0.1 \
  MP_JWT_VERIFY_PUBLICKEY_LOCATION="file:$work/jwt-public.pem" MP_JWT_VERIFY_ISSUER=$issuer \
  exec java -jar "$jar" > "$work/service.log" 2>&1) &
pid=$!
for _ in $(seq 180); do
  curl -sf "$base/q/health/ready" > /dev/null && break
  kill -0 "$pid" 2>/dev/null || { echo "the packaged service did not start:" >&2; tail -20 "$work/service.log" >&2; exit 1; }
  sleep 1
done
curl -sf "$base/q/health/ready" > /dev/null || { echo "the packaged service is not ready after 180 s" >&2; tail -20 "$work/service.log" >&2; exit 1; }
# the saved document and the logs stay for a look afterwards (the client build cleans its own target/)
logs="$root/target/openapi-client"
mkdir -p "$logs"
doc="$logs/openapi.json"
curl -sf "$base/q/openapi?format=json" -o "$doc"

# a token with every role, valid for the run (never printed: it reaches the test through the environment)
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
payload=$(printf '{"iss":"%s","sub":"openapi-client-ci","iat":%d,"exp":%d,"groups":["theme-viewer","theme-editor","theme-publisher","auditor"]}' \
  "$issuer" "$now" $(( now + 1800 )) | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$work/jwt-private.pem" -binary | b64url)

# 1. Java
status=0
THEMES_BASE_URL=$base THEMES_TOKEN="$header.$payload.$signature" \
  "$root/mvnw" -B -f "$client/pom.xml" clean verify -Dopenapi.document="$doc" > "$logs/java.log" 2>&1 || status=$?
# The generator's complaints about the document (its own lines, not Maven's), each one a fault a portal would see.
# Two are about the generator itself, not the document, and are let through (docs/api.md, "Generating a client"):
# its notice that OpenAPI 3.1 support is in beta, and "Ignoring complex example on request body" (it only copies
# scalar examples into the javadoc; the request bodies' examples are objects on purpose).
warnings=$(sed -n '/--- openapi-generator:/,/--- resources:/p' "$logs/java.log" | grep '^\[WARNING\]' \
  | grep -v -e 'OpenAPI 3.1 support is still in beta' -e '^\[WARNING\] Ignoring complex example on request body$' || true)
grep -E 'Tests run:|BUILD|ERROR' "$logs/java.log" | tail -20
if [ "$status" -ne 0 ]; then
  echo "openapi-client: the generated Java client failed (log below)" >&2; tail -40 "$logs/java.log" >&2; exit 1
fi
if [ -n "$warnings" ]; then
  echo "openapi-client: OpenAPI Generator warns about the document:" >&2; echo "$warnings" >&2; exit 1
fi
echo "openapi-client: Java client generated and used: green"

# 2. TypeScript: the same document as types, and a portal-style call file type-checked against them
cp "$client/portal.ts" "$logs/portal.ts"
npx --yes openapi-typescript@7.13.0 "$doc" -o "$logs/api.d.ts" > "$logs/typescript.log" 2>&1 \
  || { echo "openapi-client: openapi-typescript failed:" >&2; cat "$logs/typescript.log" >&2; exit 1; }
(cd "$logs" && npx --yes -p typescript@5.9.3 tsc --strict --noEmit --target es2022 --lib es2022,dom \
  --module esnext --moduleResolution bundler portal.ts) \
  || { echo "openapi-client: portal.ts does not type-check against the document's types (above)" >&2; exit 1; }
echo "openapi-client: TypeScript types generated, portal.ts type-checks: green"
