#!/usr/bin/env bash
# Lints an OpenAPI document (JSON, e.g. the packaged service's /q/openapi?format=json) with Spectral and the
# repository's ruleset (.spectral.yaml: spectral:oas). Builds and starts nothing itself.
#   .ci/openapi-lint.sh target/openapi.json
# Prints each finding and a count per rule; exits non-zero on any warning or error.
# Spectral comes from the npm registry through npx (pinned major version; needs node/npm).
set -euo pipefail
doc=${1:?usage: .ci/openapi-lint.sh <openapi.json>}
root=$(cd "$(dirname "$0")/.." && pwd)
spectral=(npx --yes @stoplight/spectral-cli@6.16.3)
out=$(mktemp)
trap 'rm -f "$out"' EXIT
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
exit $status
