#!/usr/bin/env bash
# Lints an OpenAPI document (JSON, e.g. the packaged service's /q/openapi?format=json) with Spectral and the
# repository's ruleset (.spectral.yaml: spectral:oas). Builds and starts nothing itself.
#   .ci/openapi-lint.sh target/openapi.json
# Prints each finding and a count per rule; exits non-zero on any warning or error.
# Spectral comes from the npm registry through npx (pinned major version; needs node/npm).
#   .ci/openapi-lint.sh --served   # the document the packaged jar (target/quarkus-app) serves, as in .ci/run
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
doc=${1:?usage: .ci/openapi-lint.sh <openapi.json> | --served}
if [ "$doc" = "--served" ]; then
  # the packaged jar on a free loopback port, its built-in simulator as CXone (the document does not depend on it)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  log=$(mktemp); doc=$(mktemp --suffix=.json)
  CXONE_SIMULATOR=true QUARKUS_HTTP_PORT=$port QUARKUS_HTTP_HOST=127.0.0.1 \
    java -jar "$root/target/quarkus-app/quarkus-run.jar" > "$log" 2>&1 &
  pid=$!
  trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -f "$log" "$doc"' EXIT
  for _ in $(seq 120); do
    curl -sf "http://127.0.0.1:$port/q/health/ready" > /dev/null && break
    kill -0 $pid 2>/dev/null || { echo "the packaged service did not start:" >&2; tail -20 "$log" >&2; exit 1; }
    sleep 1
  done
  curl -sf "http://127.0.0.1:$port/q/openapi?format=json" -o "$doc"
fi
spectral=(npx --yes @stoplight/spectral-cli@6.16.3)
out=$(mktemp)
status=0
"${spectral[@]}" lint --ruleset "$root/.spectral.yaml" --format json --output "$out" --fail-severity warn "$doc" || status=$?
python3 - "$out" <<'PY'
import collections, json, sys
findings = json.load(open(sys.argv[1]))
names = {0: "error", 1: "warning", 2: "info", 3: "hint"}
for f in findings:
    print(f"{names.get(f['severity'], f['severity'])} {f['code']}: {f['message']} at {'/'.join(map(str, f['path']))}")
counts = collections.Counter((names.get(f['severity'], f['severity']), f['code']) for f in findings)
for (severity, code), n in sorted(counts.items()):
    print(f"{n:5d} {severity} {code}")
print(f"openapi-lint: {len(findings)} findings, "
      f"{sum(1 for f in findings if f['severity'] == 0)} errors, {sum(1 for f in findings if f['severity'] == 1)} warnings")
PY
rm -f "$out"
exit $status
