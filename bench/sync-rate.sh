#!/usr/bin/env bash
# Fleet sync benchmark: how close does a fleet sync job get to CXone's rate bound?
#
# The packaged jar runs against its built-in CXone simulator, limited like CXone (batch 50, 10 requests/s per
# client), with the service at its defaults (app.sync.batch-size=50, app.sync.rate=10, in-flight 4). One job of
# $BENCH_WIDGETS (default 10,000) widgets is queued; the bound is widgets / 50 / 10 s (20 s for 10,000), the target
# wall time at most 1.1x the bound. Also reported: batch-sync requests per widget (simulator stats, retries
# included) and how often each widget was applied. Output: a markdown row on stdout, details on stderr.
# Needs java, curl, openssl, python3 and psql (to insert the publication row that publishing would write).
set -euo pipefail

cd "$(dirname "$0")/.."
WIDGETS="${BENCH_WIDGETS:-10000}"
SIM_RATE="${BENCH_SIM_RATE:-10}"
BATCH=50

WORK="$(mktemp -d)"
APP_PID=""
source bench/lib.sh
cleanup() {
    bench_stop_app
    [[ -n "${BENCH_KEEP_LOG:-}" ]] && cp "$WORK/app.log" "$BENCH_KEEP_LOG"
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

bench_ensure_jar

# ---- a throw-away key pair and one bearer token (bench/lib.sh) ----
TOKEN=$(bench_token "$WORK" '["theme-editor","theme-publisher","theme-viewer","simulator-admin"]')
AUTH="Authorization: Bearer $TOKEN"

# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
bench_start_app --health /q/health/live --timeout 60 --poll 0.5 CXONE_SIMULATOR=true -- ${BENCH_JAVA_OPTS:-} \
    -Dapp.embedded-db.dir="$WORK/pg" -Dmp.jwt.verify.publickey.location="file:$WORK/public.pem" \
    -Dmp.jwt.verify.issuer=bench
BASE="$APP_BASE"

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

curl -fs -H "$AUTH" -X PUT "$BASE/simulator/admin/faults" -H 'Content-Type: application/json' \
    -d "{\"ratePerSecond\": $SIM_RATE, \"maxBatchSize\": $BATCH}" >/dev/null

# ---- an ACTIVE publication: a draft, its theme in CXone (the simulator), and the publications row ----
draft=$(curl -fs -X POST "$BASE/api/v1/themes" -H "$AUTH" -H 'Content-Type: application/json' -d '{
  "name": "Enterprise Dark Mode", "backgroundColor": "#1A1A1A", "primaryColor": "#00E676",
  "font": {"family": "Inter", "sizePx": 14, "weight": 500, "color": "#FFFFFF"},
  "buttons": [{"label": "Start Chat", "color": "#00E676", "textColor": "#000000", "position": "center"}],
  "borderRadiusPx": 8, "maxWidthPx": 360}' | json 'd["id"]')
sim_token=$(curl -fs -u sim-client:sim-secret -d grant_type=client_credentials "$BASE/simulator/cxone/oauth/token" \
    | json 'd["access_token"]')
theme=$(python3 -c 'import uuid; print(uuid.uuid4())')
curl -fs -o /dev/null -X POST "$BASE/simulator/cxone/api/v1/omnichannel/webmessaging/widgets/bench-home/themes" \
    -H "Authorization: Bearer $sim_token" -H 'Content-Type: application/json' -d "{\"id\": \"$theme\",
    \"version_tag\": \"bench-1\", \"name\": \"Bench\", \"background_color\": \"#1A1A1A\", \"primary_color\": \"#00E676\",
    \"font\": {\"family\": \"Inter\", \"size_px\": 14, \"weight\": 500, \"color\": \"#FFFFFF\"},
    \"buttons\": [{\"label\": \"Go\", \"color\": \"#00E676\", \"text_color\": \"#000000\", \"position\": \"center\"}],
    \"border_radius_px\": 8, \"max_width_px\": 360}"
pg_port=$(sed -n 4p "$WORK/pg/postmaster.pid" | tr -d ' ')
publication=$(python3 -c 'import uuid; print(uuid.uuid4())')
PGPASSWORD="$(cat "$WORK/pg/service-password")" psql -q -h localhost -p "$pg_port" -U postgres -d postgres -c "INSERT INTO publications (id, widget_id, theme_id,
    theme_version, content_hash, version_tag, requested_version_tag, on_conflict, cxone_theme_id, state, requested_by,
    created_at, deadline_at, run_at, updated_at) VALUES ('$publication', 'bench-home', '$draft', 1, 'bench',
    'bench-1', 'bench-1', 'fail', '$theme', 'ACTIVE', 'bench', now(), now(), now(), now())" >/dev/null

# ---- the job ----
python3 -c "import json; print(json.dumps({'publicationId': '$publication', 'overrideExisting': False,
    'widgetIds': ['bench-w%05d' % i for i in range($WIDGETS)]}))" >"$WORK/job.json"
t0=$(date +%s.%N)
job=$(curl -fs -X POST "$BASE/api/v1/sync-jobs" -H "$AUTH" -H 'Content-Type: application/json' \
    --data-binary "@$WORK/job.json" | json 'd["id"]')
while true; do
    curl -fs "$BASE/api/v1/sync-jobs/$job" -H "$AUTH" >"$WORK/view.json"
    state=$(json 'd["state"]' <"$WORK/view.json")
    [[ "$state" == QUEUED || "$state" == RUNNING ]] || break
    sleep 0.1
done
t1=$(date +%s.%N)
curl -fs -H "$AUTH" "$BASE/simulator/admin/stats" >"$WORK/stats.json"

python3 - "$WORK/view.json" "$WORK/stats.json" "$t0" "$t1" "$WIDGETS" "$SIM_RATE" <<'PY'
import json, sys
view, stats = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
t0, t1, widgets, rate = float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])
calls = stats["requests"].get("POST /api/v1/omnichannel/webmessaging/widgets/batch-sync", {})
total_calls = sum(calls.values())
applied = [v for k, v in stats["batchSyncApplicationsPerWidget"].items() if k.startswith("bench-w")]
bound = widgets / 50 / rate
wall = t1 - t0
print(f"{view['state']}: synced {view['synced']}, skipped {view['skipped']}, failed {view['failed']}; "
      f"batch-sync answers {json.dumps(calls)}; widgets applied {len(applied)}, max applications per widget "
      f"{max(applied) if applied else 0}; job view {json.dumps(view)}", file=sys.stderr)
print("| widgets | bound | wall time | / bound | batch-sync calls (200 / 429 / other) | requests per widget | applied once |")
print("|---:|---:|---:|---:|---|---:|---|")
other = total_calls - calls.get("200", 0) - calls.get("429", 0)
print(f"| {widgets:,} | {bound:.1f} s | {wall:.2f} s | {wall / bound:.3f}x | {total_calls} ({calls.get('200', 0)} / "
      f"{calls.get('429', 0)} / {other}) | {total_calls / widgets:.4f} | "
      f"{'yes' if len(applied) == widgets and max(applied) == 1 else 'NO'} ({len(applied):,} widgets) |")
PY
