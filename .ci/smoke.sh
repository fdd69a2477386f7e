#!/usr/bin/env bash
# End-to-end smoke test of one running service instance, whatever it is (native executable, native image, JVM jar):
#   .ci/smoke.sh BASE_URL JWT_PRIVATE_KEY_PEM ISSUER
# The instance must verify tokens with the matching public key (MP_JWT_VERIFY_PUBLICKEY_LOCATION) and issuer
# (MP_JWT_VERIFY_ISSUER), and reach a CXone (or a simulator) that activates themes. It waits for readiness, then, with
# an RS256 token it signs itself: creates a draft (201, JSON body), sends an invalid one (400 problem+json naming the
# fields), validates a theme (the full report), renders the draft's preview page (Qute), publishes the draft to a
# widget (202) and waits until the publication is ACTIVE. These are the paths where a native executable fails when a
# type, template or resource was not registered (docs/native.md). Used by .github/workflows/native.yml;
# needs curl, openssl and python3.
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 BASE_URL JWT_PRIVATE_KEY_PEM ISSUER" >&2; exit 2; }
base=${1%/}
key=$2
issuer=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() {
  echo "smoke: $*" >&2
  exit 1
}

# Waits up to $2 seconds for a condition (a command) to hold, polling every second; never a fixed sleep.
wait_for() {
  local what=$1 seconds=$2
  shift 2
  local deadline=$(( $(date +%s) + seconds ))
  until "$@"; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "$what: not after ${seconds} s"
    sleep 1
  done
}

ready() { curl -fsS -o /dev/null "$base/q/health/ready" 2>/dev/null; }
start=$(date +%s)
wait_for "readiness of $base" 120 ready
echo "smoke: $base ready (waited $(( $(date +%s) - start )) s)"

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
payload=$(printf '{"iss":"%s","sub":"ci-smoke","iat":%d,"exp":%d,"groups":["theme-viewer","theme-editor","theme-publisher","auditor"]}' \
  "$issuer" "$now" $(( now + 600 )) | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$key" -binary | b64url)
token="$header.$payload.$signature"

# call METHOD PATH [BODY]: prints the status; the body is in $work/body, the headers in $work/headers
call() {
  local args=(-sS -o "$work/body" -D "$work/headers" -w '%{http_code}' -X "$1" -H "Authorization: Bearer $token")
  [ $# -lt 3 ] || args+=(-H 'Content-Type: application/json' --data-binary "$3")
  curl "${args[@]}" "$base$2"
}
json() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2], {}, {"d": d}))' "$work/body" "$1"; }
expect() {
  local got=$1 want=$2 what=$3
  [ "$got" = "$want" ] || { cat "$work/body" >&2; echo >&2; fail "$what: HTTP $got, expected $want (body above)"; }
}

theme='{"name": "Native Smoke", "backgroundColor": "#FFFFFF", "primaryColor": "#0B5FFF",
  "font": {"family": "Inter", "sizePx": 14, "weight": 400, "color": "#1A1A1A"},
  "buttons": [{"label": "Start Chat", "color": "#0B5FFF", "textColor": "#FFFFFF", "position": "right"}],
  "borderRadiusPx": 8, "maxWidthPx": 360}'

status=$(call POST /api/v1/themes "$theme")
expect "$status" 201 "create a draft"
id=$(json 'd["id"]')
[ "$(json 'd["version"]')" = 1 ] || fail "the new draft is not version 1: $(cat "$work/body")"
grep -qi '^etag:' "$work/headers" || fail "the new draft has no ETag header"
echo "smoke: draft $id created"

status=$(call POST /api/v1/themes '{"name": "x"}')
expect "$status" 400 "an invalid draft"
grep -qi '^content-type: application/problem+json' "$work/headers" || fail "the 400 is not problem+json: $(cat "$work/headers")"
[ "$(json 'len(d["errors"]) > 0 and d["status"] == 400')" = True ] || fail "the problem names no field: $(cat "$work/body")"
echo "smoke: invalid draft refused with $(json 'len(d["errors"])') field errors"

status=$(call POST /api/v1/themes/validate "$theme")
expect "$status" 200 "validate a theme"
[ "$(json 'd["valid"]')" = True ] || fail "the smoke theme is not valid: $(cat "$work/body")"

status=$(call GET "/preview/themes/$id")
expect "$status" 200 "the draft's preview page"
grep -q 'Native Smoke' "$work/body" || fail "the preview page does not show the theme's name"
echo "smoke: validation report and preview page rendered"

status=$(call POST /api/v1/widgets/smoke-widget/publications "{\"themeId\": \"$id\", \"version\": 1}")
expect "$status" 202 "publish the draft"
publication=$(json 'd["id"]')
echo "smoke: publication $publication accepted"

active() {
  local s state
  s=$(call GET "/api/v1/publications/$publication")
  [ "$s" = 200 ] || fail "read publication $publication: HTTP $s: $(cat "$work/body")"
  state=$(json 'd["state"]')
  [ "$state" != FAILED ] || fail "publication $publication FAILED: $(json 'd.get("failureReason")')"
  [ "$state" = ACTIVE ]
}
wait_for "publication $publication ACTIVE" 120 active
echo "smoke: publication $publication ACTIVE; all checks passed against $base in $(( $(date +%s) - start )) s"
