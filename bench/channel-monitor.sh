#!/usr/bin/env bash
# Channel monitor benchmark: do 1,000 channel watches at a 60 s interval spread their checks over the interval?
#
# One packaged jar with its built-in simulator (whose public channel endpoint is what the checks fetch) on a
# throw-away PostgreSQL (initdb on 127.0.0.1). BENCH_WATCHES watches (default 1000, distinct channelIds, one brand,
# all on the simulator's one channel host) are created at a 60 s interval with `curl -P`, and from the first create
# for BENCH_SECONDS (default 180, three intervals) a sampler records, once a second:
#   - the simulator's count of answered channel fetches (GET /simulator/admin/stats): one fetch = one check, since
#     the simulator's channel endpoint injects no faults here and the client only retries on 5xx/429/timeouts;
#   - the service's CPU (utime+stime delta from /proc/PID/stat over the wall-clock delta, in % of one core: ps's %cpu
#     is the average over the process's whole life, useless per second) and RSS (VmRSS).
# Checks per second are the counter's deltas between consecutive samples (a late sample puts 2 s into one bucket;
# the sampler aims at whole seconds from the start and reports how many samples were late). The first check of each
# watch is also read exactly from the database (channel_snapshots.time: the look never changes here, so each watch
# has exactly one snapshot, stored by its first check).
#
# Every watch is due at creation (next_check_at = now(): "the first check runs at once"), so the first interval is
# bounded by the creation rate and by app.channels.rate (fetches per second per host, default 10) — not spread by the
# jitter, which only applies from the second check on (next = check time + 60 s + 0–6 s).
#
#   bash bench/channel-monitor.sh                    # needs root (initdb as user postgres), java, curl, python3
#   BENCH_WATCHES=200 BENCH_SECONDS=130 bash bench/channel-monitor.sh
#   BENCH_JAVA_OPTS='-Dapp.channels.rate=50' bash bench/channel-monitor.sh    # without the per-host bound at 10/s
#
# Prints a table (10 s rows), the first-check profile and one line for scripts:
#   channel-monitor: watches=N interval_s=60 checks=N max_per_s=N mean_per_s=N p95_per_s=N cpu_mean_pct=N rss_mb_max=N
# Knobs: BENCH_WATCHES, BENCH_SECONDS, BENCH_PARALLEL (curl -P for the creates, 8), BENCH_JAVA_OPTS, BENCH_KEEP
# (a directory: keeps samples.tsv, first-checks.tsv and app.log there). Removes its database and processes on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

WATCHES="${BENCH_WATCHES:-1000}"
SECONDS_TOTAL="${BENCH_SECONDS:-180}"
PARALLEL="${BENCH_PARALLEL:-8}"
INTERVAL=60
JAR=target/quarkus-app/quarkus-run.jar
APP_PID=""
SAMPLER_PID=""
PGDATA_DIR=""
WORK="$(mktemp -d /tmp/channel-monitor.XXXXXX)"

cleanup() {
    if [[ -n "$SAMPLER_PID" ]]; then kill "$SAMPLER_PID" 2> /dev/null || true; fi
    bench_stop_app
    if [[ -n "$PGDATA_DIR" ]]; then
        runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m immediate stop > /dev/null 2>&1 || true
        rm -rf "$PGDATA_DIR"
    fi
    if [[ -n "${BENCH_KEEP:-}" ]]; then
        mkdir -p "$BENCH_KEEP" && cp "$WORK"/*.tsv "$WORK/app.log" "$BENCH_KEEP/" 2> /dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -n 1 || true)
[[ -n "$PG_BIN" && -x "$PG_BIN/initdb" ]] || { echo "no PostgreSQL server: apt-get install -y postgresql-15" >&2; exit 2; }
[[ $(id -u) == 0 ]] || { echo "run as root: initdb and pg_ctl run as user postgres through runuser" >&2; exit 2; }
for tool in java curl python3 psql openssl; do
    command -v "$tool" > /dev/null || { echo "needs $tool on the PATH" >&2; exit 2; }
done
bench_ensure_jar

free_port() { bench_free_port; }

# ---- a throw-away database ----------------------------------------------------------------------------------------------
PGDATA_DIR=$(mktemp -d /tmp/channel-monitor-pg.XXXXXX)
chown postgres "$PGDATA_DIR"
PG_PORT=$(free_port)
runuser -u postgres -- "$PG_BIN/initdb" -D "$PGDATA_DIR" -U bench --auth=trust > /dev/null
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/log" -w \
    -o "-p $PG_PORT -k $PGDATA_DIR -c listen_addresses=127.0.0.1" start > /dev/null
sql() { psql -X -q -t -A -h 127.0.0.1 -p "$PG_PORT" -U bench -d postgres -c "$1"; }

# ---- the service with its simulator -------------------------------------------------------------------------------------
TOKEN=$(bench_token "$WORK" '["theme-publisher","theme-viewer","simulator-admin"]')
AUTH="Authorization: Bearer $TOKEN"
openssl genpkey -algorithm ed25519 -out "$WORK/audit-key.pem" 2> /dev/null
openssl pkey -in "$WORK/audit-key.pem" -pubout >> "$WORK/audit-key.pem"
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
bench_start_app --jar "$JAR" --timeout 600 CXONE_SIMULATOR=true APP_AUDIT_SIGNING_KEY="$WORK/audit-key.pem" \
    MP_JWT_VERIFY_PUBLICKEY_LOCATION="file:$WORK/public.pem" MP_JWT_VERIFY_ISSUER=bench \
    QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$PG_PORT/postgres" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" \
    QUARKUS_DATASOURCE_USERNAME=bench QUARKUS_DATASOURCE_PASSWORD=unused -- ${BENCH_JAVA_OPTS:-}
BASE="$APP_BASE"
echo "service up on $BASE (pid $APP_PID), PostgreSQL on 127.0.0.1:$PG_PORT; creating $WATCHES watches ..." >&2

# ---- the sampler: once a second, the simulator's channel fetch count, the service's CPU and RSS -----------------------
python3 - "$BASE" "$TOKEN" "$APP_PID" "$WORK/stop" "$WORK/t0" > "$WORK/samples.tsv" 2> "$WORK/sampler.err" <<'PY' &
import json, os, sys, time, urllib.request
base, token, pid, stop, t0_file = sys.argv[1:6]
tick = os.sysconf("SC_CLK_TCK")
def fetches():
    req = urllib.request.Request(base + "/simulator/admin/stats", headers={"Authorization": "Bearer " + token})
    stats = json.load(urllib.request.urlopen(req, timeout=5))
    return sum(sum(v.values()) for k, v in stats["requests"].items() if k.startswith("GET /channels"))
def cpu_ticks():
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime
def rss_kb():
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
start = time.monotonic()
open(t0_file, "w").write(f"{time.time():.3f}\n")  # the epoch of t = 0, for the database's timestamps
print("t\tfetches\tcpu_ticks\trss_kb\tlate", flush=True)
k = 0
while not os.path.exists(stop):
    target = start + k
    k += 1
    late = 0
    delay = target - time.monotonic()
    if delay > 0:
        time.sleep(delay)
    elif delay < -0.5:
        late = 1
    t = time.monotonic() - start
    print(f"{t:.3f}\t{fetches()}\t{cpu_ticks()}\t{rss_kb()}\t{late}", flush=True)
print(f"clock_ticks\t{tick}", file=sys.stderr)
PY
SAMPLER_PID=$!
# t = 0 is the sampler's first sample (python's start-up can take seconds on a busy machine): the creates wait for it
until [[ -s "$WORK/t0" && $(wc -l < "$WORK/samples.tsv") -ge 2 ]]; do
    kill -0 "$SAMPLER_PID" 2> /dev/null || { cat "$WORK/sampler.err" >&2; echo "the sampler failed" >&2; exit 1; }
    sleep 0.1
done
T0_EPOCH=$(cat "$WORK/t0")

# ---- the watches: distinct channelIds, one brand, the simulator's channel host ------------------------------------------
seq -f 'chat_bench_%05g' 0 $((WATCHES - 1)) | xargs -P "$PARALLEL" -I{} curl -s -o /dev/null -w '%{http_code}\n' \
    -X POST "$BASE/api/v1/channels" -H "$AUTH" -H 'Content-Type: application/json' \
    -d "{\"brandId\":\"4711\",\"channelId\":\"{}\",\"env\":\"c1\",\"domain\":\"niceincontact.com\",\"intervalSeconds\":$INTERVAL}" \
    > "$WORK/creates.txt"
T_CREATED=$(python3 -c "import time; print(f'{time.time() - $T0_EPOCH:.1f}')")
created=$(grep -c '^201$' "$WORK/creates.txt" || true)
if [[ "$created" != "$WATCHES" ]]; then
    echo "only $created of $WATCHES creates answered 201: $(sort "$WORK/creates.txt" | uniq -c | tr '\n' ' ')" >&2
    exit 1
fi
echo "$WATCHES watches created in ${T_CREATED} s; sampling for $SECONDS_TOTAL s more ..." >&2
sleep $((SECONDS_TOTAL / 2))
load_mid=$(cut -d' ' -f1-3 /proc/loadavg)
sleep $((SECONDS_TOTAL - SECONDS_TOTAL / 2))
touch "$WORK/stop"
wait "$SAMPLER_PID" || { cat "$WORK/sampler.err" >&2; echo "the sampler failed" >&2; exit 1; }
SAMPLER_PID=""
clk=$(awk '$1 == "clock_ticks" { print $2 }' "$WORK/sampler.err")

# ---- exact first checks from the database (seconds since the first create) ----------------------------------------------
# one line per watch: created, first check (empty when never checked successfully), seconds since t = 0
sql "SELECT extract(epoch FROM w.created_at) - $T0_EPOCH, coalesce((SELECT (extract(epoch FROM min(s.time)) - $T0_EPOCH)::text
     FROM channel_snapshots s WHERE s.watch_id = w.id), '') FROM channel_watches w" > "$WORK/first-checks.tsv"
state_counts=$(sql "SELECT state || '=' || count(*) FROM channel_watches GROUP BY state ORDER BY state" | paste -sd' ')
# the service's own count per outcome (passing, failing, drifted, fetch_failed), to set beside the simulator's
metric_checks=$(curl -sf "$BASE/q/metrics" | awk '/^channels_checks_total/ { s += $NF; o = $1; sub(/.*outcome="/, "", o);
    sub(/".*/, "", o); printf "%s=%d ", o, $NF } END { printf "(total %d)", s }')
failures=$(sql "SELECT coalesce(sum(consecutive_failures), 0) FROM channel_watches")

python3 - "$WORK/samples.tsv" "$WORK/first-checks.tsv" "$clk" "$WATCHES" "$INTERVAL" \
    "$T_CREATED" "$metric_checks" "$state_counts" "$load_mid" "$SECONDS_TOTAL" "$failures" <<'PY'
import math, sys
samples_f, first_f, clk, watches, interval, t_created, metric, states, load_mid, window, failures = sys.argv[1:12]
clk, watches, interval, t_created, window = int(clk), int(watches), int(interval), float(t_created), int(window)
rows = [l.rstrip("\n").split("\t") for l in open(samples_f)][1:]
s = [(float(t), int(f), int(c), int(r), int(late)) for t, f, c, r, late in rows]
# one row per second: (end of the second, checks in it, CPU % of one core, RSS MiB)
sec = [(t1, f1 - f0, 100.0 * (c1 - c0) / clk / (t1 - t0), r1 / 1024)
       for (t0, f0, c0, _, _), (t1, f1, c1, r1, _) in zip(s, s[1:])]
late = sum(x[4] for x in s)
print(f"| seconds since the first create | checks | per second min / mean / max | service CPU % of one core (mean) | RSS MiB (max) |")
print("|---|---:|---|---:|---:|")
for b in range(0, len(sec), 10):
    chunk = sec[b:b + 10]
    n = [c for _, c, _, _ in chunk]
    mark = " (creating)" if chunk[0][0] - 1 < t_created - 1 else ""
    print(f"| {b}–{b + len(chunk)}{mark} | {sum(n)} | {min(n)} / {sum(n) / len(n):.1f} / {max(n)} | "
          f"{sum(x[2] for x in chunk) / len(chunk):.0f} | {max(x[3] for x in chunk):.0f} |")
pairs = [l.rstrip("\n").split("|") for l in open(first_f) if l.strip()]
created = sorted(float(c) for c, _ in pairs)
first = sorted(float(f) for _, f in pairs if f)
delays = sorted(float(f) - float(c) for c, f in pairs if f)
per_sec = {}
for x in first:
    per_sec[int(x)] = per_sec.get(int(x), 0) + 1
print(f"\nfirst interval: the creates ran {created[0]:.1f}–{created[-1]:.1f} s after t=0 "
      f"({len(created) / max(0.1, created[-1] - created[0]):.1f}/s); each watch's first check (channel_snapshots, exact): "
      f"{len(first)} of {watches} checked, from {first[0]:.1f} s to {first[-1]:.1f} s, most in one second "
      f"{max(per_sec.values()) if per_sec else 0}; from create to first check: median "
      f"{delays[len(delays) // 2] if delays else 0:.1f} s, max {delays[-1] if delays else 0:.1f} s")
# the measured window: BENCH_SECONDS after the last create
win = [x for x in sec if x[0] > t_created]
counts = [c for _, c, _, _ in win]
checks = sum(counts)
span = len(win)
ordered = sorted(counts)
p95 = ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]
print(f"window {t_created:.0f}–{t_created + span:.0f} s (after the last create): {checks} checks in {span} s; "
      f"N/interval = {watches / interval:.1f}/s")
print(f"whole run: {s[-1][1] - s[0][1]} fetches seen by the simulator; channels_checks_total {metric}; watches now: {states}; "
      f"consecutive_failures summed over the watches: {failures}")
print(f"late samples: {late} of {len(s)}; load average mid-window: {load_mid}")
print(f"channel-monitor: watches={watches} interval_s={interval} checks={checks} max_per_s={max(counts)} "
      f"mean_per_s={checks / span:.1f} p95_per_s={p95} cpu_mean_pct={sum(x[2] for x in win) / span:.0f} "
      f"rss_mb_max={max(x[3] for x in sec):.0f}")
PY
