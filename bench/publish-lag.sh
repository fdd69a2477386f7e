#!/usr/bin/env bash
# Publishing benchmark: how late does a publication job see CXone's activation, and with how many status polls?
# Ours (app.publish.poll-schedule=adaptive) against the doubling schedule (1, 2, 4 ... s; =doubling), same code path.
#
# For each schedule the packaged jar is started against its built-in CXone simulator. For each activation time in
# $BENCH_ACTIVATIONS_MS (default "2000 20000 120000") the simulator's activationDelayMs is set and $BENCH_RUNS
# publications (default 3, each to its own widget) are requested; all activation times run side by side. When all
# are ACTIVE, lag = the job's activatedAt - the instant CXone reports the theme ACTIVE (status updated_at, kept in the
# publication.activated audit event). Output: a markdown table.
# Needs java, curl, jq, openssl. Each start takes a free port on 127.0.0.1.
set -euo pipefail

cd "$(dirname "$0")/.."
ACTIVATIONS="${BENCH_ACTIVATIONS_MS:-2000 20000 120000}"
RUNS="${BENCH_RUNS:-3}"
SCHEDULES="${BENCH_SCHEDULES:-adaptive doubling}"

WORK="$(mktemp -d)"
APP_PID=""
source bench/lib.sh
stop_app() { bench_stop_app; }
cleanup() { stop_app; rm -rf "$WORK"; }
trap cleanup EXIT INT TERM

bench_ensure_jar

# ---- a throw-away key pair and one bearer token (bench/lib.sh) ----
AUTH="Authorization: Bearer $(bench_token "$WORK" '["theme-editor","theme-publisher","theme-viewer","auditor","simulator-admin"]')"

start_app() {   # at most 90 s (the first start runs initdb)
    bench_start_app --log "$WORK/app-$1.log" --health /q/health/live --timeout 90 --poll 0.5 \
        CXONE_SIMULATOR=true MP_JWT_VERIFY_PUBLICKEY_LOCATION="file:$WORK/public.pem" MP_JWT_VERIFY_ISSUER=bench \
        APP_EMBEDDED_DB_DIR="$WORK/pg" APP_PUBLISH_POLL_SCHEDULE="$1"
    BASE="$APP_BASE"
}

THEME='{"name":"Bench Theme","backgroundColor":"#1A1A1A","primaryColor":"#00E676",
 "font":{"family":"Inter","sizePx":14,"weight":500,"color":"#FFFFFF"},
 "buttons":[{"label":"Start Chat","color":"#00E676","textColor":"#000000","position":"center"}],
 "borderRadiusPx":8,"maxWidthPx":360}'

printf '| schedule | activation | runs | detection lag mean | lag max | target max(0.5 s, 10 %%) | status polls mean |\n'
printf '|---|---:|---:|---:|---:|---:|---:|\n'
for schedule in $SCHEDULES; do
    start_app "$schedule"
    curl -fs -o /dev/null -H "$AUTH" -X POST "$BASE/simulator/admin/reset"
    theme=$(curl -fs -H "$AUTH" -H 'Content-Type: application/json' -d "$THEME" "$BASE/api/v1/themes" | jq -r .id)
    : >"$WORK/ids"
    for a in $ACTIVATIONS; do
        curl -fs -o /dev/null -X PUT -H "$AUTH" -H 'Content-Type: application/json' -d "{\"activationDelayMs\":$a}" \
            "$BASE/simulator/admin/faults"
        for r in $(seq 1 "$RUNS"); do
            id=$(curl -fs -H "$AUTH" -H 'Content-Type: application/json' -d "{\"themeId\":\"$theme\"}" \
                "$BASE/api/v1/widgets/bench-$schedule-$a-$r/publications" | jq -r .id)
            echo "$a $id" >>"$WORK/ids"
        done
        # CXone fixes a theme's activation time when it receives it: wait for the submits before the next setting
        for id in $(awk -v a="$a" '$1 == a { print $2 }' "$WORK/ids"); do
            until [[ "$(curl -fs -H "$AUTH" "$BASE/api/v1/publications/$id" | jq -r '.submittedAt // empty')" != "" ]]; do
                sleep 0.05
            done
        done
    done
    echo "$schedule: $(wc -l <"$WORK/ids") publications requested, waiting for ACTIVE ..." >&2
    : >"$WORK/results"
    while read -r a id; do
        while true; do
            p=$(curl -fs -H "$AUTH" "$BASE/api/v1/publications/$id")
            state=$(jq -r .state <<<"$p")
            [[ "$state" == ACTIVE || "$state" == FAILED ]] && break
            sleep 0.5
        done
        [[ "$state" == ACTIVE ]] || { echo "publication $id FAILED: $p" >&2; exit 1; }
        widget=$(jq -r .widgetId <<<"$p")
        cxone=$(curl -fs -H "$AUTH" "$BASE/api/v1/audit?widgetId=$widget&action=publication.activated" \
            | jq -r '.items[0].details.cxoneUpdatedAt')
        jq -c --argjson a "$a" --arg cxone "$cxone" 'def ms: (sub("\\.[0-9]*Z$"; "Z") | fromdateiso8601) * 1000
                + ((capture("\\.(?<f>[0-9]+)Z$").f // "0") | (. + "000")[0:3] | tonumber);
            {a: $a, lag: ((.activatedAt | ms) - ($cxone | ms)), polls: .polls}' <<<"$p" >>"$WORK/results"
    done <"$WORK/ids"
    jq -rs --arg s "$schedule" 'group_by(.a)[] | {a: .[0].a, n: length, mean: ((map(.lag) | add) / length),
        max: (map(.lag) | max), polls: ((map(.polls) | add) / length)}
        | "| \($s) | \(.a / 1000) s | \(.n) | \(.mean | round) ms | \(.max) ms | \([500, .a / 10] | max | round) ms | \(.polls * 10 | round / 10) |"' \
        "$WORK/results"
    stop_app
done
