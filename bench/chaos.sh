#!/usr/bin/env bash
# Chaos: do jobs survive our own faults?
#
# One throw-away PostgreSQL (initdb on loopback), one standalone simulator jar as CXone with faults on every API call
# (CHAOS_ERROR_RATE 10 % 5xx, CHAOS_THROTTLE_RATE 10 % 429, CHAOS_DROP_RATE 10 % answers dropped: the change is
# applied and the connection closed without an answer), and two service jars (A and B) on that database, both with
# jobs on. For CHAOS_SECONDS (default 200) clients create drafts and publish them to new widgets, and now and then
# queue a sync job, through both instances. Every creating POST carries an Idempotency-Key, and the client fails over
# as a portal behind a Kubernetes Service does: when a POST gets no answer (connection refused or reset, timeout), a
# 503 or a 409 idempotency_in_progress, it sends the same body with the same key to the other instance (after the
# Retry-After, if any), until it gets an answer or CHAOS_GIVE_UP seconds (default 120) passed. Meanwhile, in an order
# and at times drawn from CHAOS_SEED:
#   kill -9 A and start it again; pg_ctl restart -m fast; SIGTERM B, wait for it to exit and start it again.
# Then it waits (at most CHAOS_SETTLE_SECONDS, default 240) until every job is terminal and reports from the database
# and the simulator's counters:
#   publications by state; FAILED ones with failure_reason and last_error; lost work (a publication not ACTIVE/FAILED,
#   a sync job not finished, a sync item still PENDING, an accepted publication missing, an ACTIVE one without its
#   theme in CXone); duplicated work (more than one publication or CXone theme for a publication's widget, a widget
#   applied by batch-sync more than once, more drafts or sync jobs in the database than the client was answered for,
#   not counting requests it gave up on); how many answers were replays (Idempotent-Replayed) and how many requests
#   were retried; our API's answers by status, and those during the PostgreSQL restart (a 5xx must be a 503 problem
#   document, never a 500). Last line, for scripts:
#   chaos: publications=N active=N failed=N lost=N duplicated=N api500=N
# Exit status 1 when failed, lost, duplicated or api500 is above 0 (2 when the set-up itself failed).
#
#   bash bench/chaos.sh                                  # needs root (initdb runs as user postgres), java, curl, jq, python3
#   CHAOS_SECONDS=60 CHAOS_SEED=7 bash bench/chaos.sh    # a short run
#
# Other knobs: CHAOS_CLIENTS (client threads, default 4), CHAOS_PUBLISH_RATE (publication requests per second over
# all clients, default 8), CHAOS_SYNC_EVERY (seconds between sync jobs, default 30), CHAOS_SYNC_WIDGETS (widgets per
# sync job, default 300). Logs of every process stay in target/chaos/ (overwritten by the next run); the database is
# removed on exit, and every process this script started is stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

SECONDS_LOAD="${CHAOS_SECONDS:-200}"
SEED="${CHAOS_SEED:-$RANDOM}"
SETTLE="${CHAOS_SETTLE_SECONDS:-240}"
CLIENTS="${CHAOS_CLIENTS:-4}"
PUBLISH_RATE="${CHAOS_PUBLISH_RATE:-8}"
SYNC_EVERY="${CHAOS_SYNC_EVERY:-30}"
SYNC_WIDGETS="${CHAOS_SYNC_WIDGETS:-300}"
GIVE_UP="${CHAOS_GIVE_UP:-120}"
ERROR_RATE="${CHAOS_ERROR_RATE:-0.1}"
THROTTLE_RATE="${CHAOS_THROTTLE_RATE:-0.1}"
DROP_RATE="${CHAOS_DROP_RATE:-0.1}"
JAR="$(pwd)/target/quarkus-app/quarkus-run.jar"
OUT="$(pwd)/target/chaos"

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -n 1 || true)
[[ -n "$PG_BIN" && -x "$PG_BIN/initdb" ]] || { echo "no PostgreSQL server: apt-get install -y postgresql-15" >&2; exit 2; }
for tool in java curl jq python3 openssl runuser; do
    command -v "$tool" > /dev/null || { echo "chaos.sh needs $tool on the PATH" >&2; exit 2; }
done
[[ $(id -u) == 0 ]] || { echo "run as root: initdb and pg_ctl run as user postgres through runuser" >&2; exit 2; }

rm -rf "$OUT"
mkdir -p "$OUT"
PGDATA_DIR=""
declare -A PID=()
LOAD_PID=""

free_port() { bench_free_port; }
now_ms() { date +%s%3N; }
log() { echo "[chaos $(date -u +%H:%M:%S)] $*" >&2; }
event() { printf '%s\t%s\n' "$(now_ms)" "$1" >> "$OUT/events.tsv"; log "$1"; }
pg() { runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" "$@"; }
sql() { psql -X -q -t -A -F $'\t' -h 127.0.0.1 -p "$PG_PORT" -U chaos -d chaos -c "$1"; }

cleanup() {
    local rc=$?
    [[ -n "$LOAD_PID" ]] && kill "$LOAD_PID" 2> /dev/null || true
    for name in "${!PID[@]}"; do
        kill -9 "${PID[$name]}" 2> /dev/null || true
        wait "${PID[$name]}" 2> /dev/null || true # reaped here: no "Killed" line from bash at exit
    done
    if [[ -n "$PGDATA_DIR" ]]; then
        cp "$PGDATA_DIR/log" "$OUT/postgres.log" 2> /dev/null || true
        pg -m immediate stop > /dev/null 2>&1 || true
        rm -rf "$PGDATA_DIR"
    fi
    exit "$rc"
}
trap cleanup EXIT INT TERM

bench_ensure_jar

# ---- the database: one cluster, database chaos for both instances, database sim for the simulator's own tables ----
PGDATA_DIR=$(mktemp -d /tmp/chaos-pg.XXXXXX)
chown postgres "$PGDATA_DIR"
PG_PORT=$(free_port)
runuser -u postgres -- "$PG_BIN/initdb" -D "$PGDATA_DIR" -U chaos --auth=trust > /dev/null
pg -l "$PGDATA_DIR/log" -w -o "-p $PG_PORT -k $PGDATA_DIR -c listen_addresses=127.0.0.1 -c max_connections=200" \
    start > /dev/null
psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U chaos -d postgres -c 'CREATE DATABASE chaos' -c 'CREATE DATABASE sim'

# ---- one token for everything (the simulator's admin API too) --------------------------------------------------------
TOKEN=$(bench_token "$OUT" '["theme-editor","theme-publisher","theme-viewer","auditor","simulator-admin"]')
AUTH="Authorization: Bearer $TOKEN"

# start NAME PORT [VAR=VALUE ...]: starts the jar as NAME on PORT, its own across restarts (log appended to
# target/chaos/NAME.log), waits until it is live (120 s: three JVMs start on two busy cores)
start() {
    local name="$1" port="$2"
    shift 2
    # shellcheck disable=SC2086 # CHAOS_JAVA_OPTS is a list of options
    bench_start_app --jar "$JAR" --port "$port" --log "$OUT/$name.log" --health /q/health/live --timeout 120 \
        --poll 0.25 MP_JWT_VERIFY_PUBLICKEY_LOCATION="file:$OUT/public.pem" MP_JWT_VERIFY_ISSUER=bench \
        QUARKUS_DATASOURCE_USERNAME=chaos QUARKUS_DATASOURCE_PASSWORD=unused "$@" -- ${CHAOS_JAVA_OPTS:--Xmx384m} \
        || { echo "$name did not start" >&2; exit 2; }
    PID[$name]=$APP_PID
    APP_PID=""
}
db_env() {
    echo "QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:$PG_PORT/$1"
    echo "QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/$1"
}
SIM_PORT=$(free_port)
A_PORT=$(free_port)
B_PORT=$(free_port)
SIM="http://127.0.0.1:$SIM_PORT"
SERVICE_ENV=(CXONE_BASE_URL="$SIM/simulator/cxone" CXONE_CLIENT_ID=sim-client CXONE_CLIENT_SECRET=sim-secret
    APP_JOBS=on $(db_env chaos))
start_a() { start a "$A_PORT" "${SERVICE_ENV[@]}"; }
start_b() { start b "$B_PORT" "${SERVICE_ENV[@]}"; }

log "seed $SEED; PostgreSQL on $PG_PORT; simulator on $SIM_PORT; A on $A_PORT; B on $B_PORT; logs in $OUT"
start sim "$SIM_PORT" CXONE_SIMULATOR=true APP_JOBS=off $(db_env sim)
curl -fsS -o /dev/null -H "$AUTH" -H 'Content-Type: application/json' -X PUT "$SIM/simulator/admin/faults" -d "{
    \"errorRate\": $ERROR_RATE, \"throttleRate\": $THROTTLE_RATE, \"dropResponseRate\": $DROP_RATE, \"seed\": $SEED}"
start_a # first alone: Flyway migrates the database once
start_b

# ---- the load: python clients in the background, writing one line per answer ------------------------------------------
cat > "$OUT/load.py" <<'PY'
import http.client, json, os, random, sys, threading, time, uuid
ports, seconds, clients, rate, sync_every, sync_widgets, token, seed, out, give_up = sys.argv[1:]
ports = ports.split(","); seconds = float(seconds); clients = int(clients); rate = float(rate); give_up = float(give_up)
sync_every = float(sync_every); sync_widgets = int(sync_widgets)
rng = random.Random(int(seed))
THEME = {"name": "Chaos Theme", "backgroundColor": "#1A1A1A", "primaryColor": "#00E676",
         "font": {"family": "Inter", "sizePx": 14, "weight": 500, "color": "#FFFFFF"},
         "buttons": [{"label": "Start Chat", "color": "#00E676", "textColor": "#000000", "position": "center"}],
         "borderRadiusPx": 8, "maxWidthPx": 360}
lock = threading.Lock()
answers = open(out + "/answers.tsv", "w")
accepted = open(out + "/accepted.tsv", "w")
counter = [0]

def running():
    """Until the script says stop (its stop file): the load lasts at least CHAOS_SECONDS and past the last fault."""
    return not os.path.exists(out + "/stop")

def attempt(kind, p, method, path, body, key):
    """One request to one instance; logs the answer. None when it gave none (refused, reset, timeout)."""
    t = time.time()
    conn = http.client.HTTPConnection("127.0.0.1", int(p), timeout=30)
    headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
    if key:
        headers["Idempotency-Key"] = key
    try:
        conn.request(method, path, body=None if body is None else json.dumps(body), headers=headers)
        r = conn.getresponse()
        data = r.read()
        status, ctype = r.status, r.getheader("Content-Type", "")
        replayed, retry_after = r.getheader("Idempotent-Replayed", ""), r.getheader("Retry-After", "")
    except ConnectionRefusedError:
        with lock:
            answers.write("%d\t%s\t%s\trefused\t\t\t\n" % (t * 1000, p, kind))
        return None
    except Exception as e:  # reset, timeout: the instance went away mid-request
        with lock:
            answers.write("%d\t%s\t%s\t%s\t\t\t\n" % (t * 1000, p, kind, type(e).__name__))
        return None
    finally:
        conn.close()
    snippet = data[:300].decode("utf-8", "replace").replace("\t", " ").replace("\n", " ") if status >= 500 else ""
    with lock:
        answers.write("%d\t%s\t%s\t%d\t%s\t%s\t%s\n" % (t * 1000, p, kind, status, ctype, snippet,
                                                      "replayed" if replayed == "true" else ""))
    try:
        parsed = json.loads(data) if data else None
    except ValueError:
        parsed = None
    return status, parsed, retry_after

def call(kind, method, path, body=None):
    """A request as a portal behind a load balancer sends it: a creating POST carries an Idempotency-Key, and when an
    instance gives no answer, a 503 or a 409 in progress, the same request (same key) goes to the other instance,
    until an answer or give_up seconds. Answers (status, body), or (None, None) when it gave up."""
    key = str(uuid.uuid4()) if method == "POST" else None
    order = rng.sample(ports, len(ports))
    deadline = time.time() + give_up
    tries = 0
    while True:
        p = order[tries % len(order)]
        tries += 1
        got = attempt(kind, p, method, path, body, key)
        pause = 0.2
        if got is not None:
            status, parsed, retry_after = got
            busy = status == 409 and "idempotency_in_progress" in json.dumps(parsed or {})
            if status != 503 and not busy:
                if tries > 1:
                    with lock:
                        retried[0] += 1
                return status, parsed
            pause = float(retry_after) if retry_after.isdigit() else 1.0
        if time.time() + pause > deadline or (key is None and tries >= len(order)):
            with lock:
                accepted.write("gaveup:%s\t%s\n" % (kind, path))
            return None, None
        time.sleep(pause if tries % len(order) == 0 or got is not None else 0)

retried = [0]
active = []  # publications seen ACTIVE: sync jobs roll one of them out

def publisher(n):
    interval = clients / rate
    nxt = time.time()
    while running():
        status, draft = call("draft", "POST", "/api/v1/themes", THEME)
        if status == 201:
            with lock:
                accepted.write("draft:%s\t\n" % draft["id"])
            for _ in range(3):  # each draft published to three new widgets
                with lock:
                    counter[0] += 1
                    widget = "chaos-p%06d" % counter[0]
                status, pub = call("publish", "POST", "/api/v1/widgets/%s/publications" % widget,
                                   {"themeId": draft["id"]})
                if status == 202:
                    with lock:
                        accepted.write("%s\t%s\n" % (pub["id"], widget))
                        if len(active) < 50:
                            active.append(pub["id"])
        nxt += interval * 3
        time.sleep(max(0, nxt - time.time()))

def syncer():
    k = 0
    while running():
        due = time.time() + sync_every
        while running() and time.time() < due:
            time.sleep(0.2)
        if not running():
            break
        for pid in list(active):
            status, pub = call("read", "GET", "/api/v1/publications/" + pid)
            if status == 200 and pub.get("state") == "ACTIVE":
                break
        else:
            continue
        k += 1
        widgets = ["chaos-s%03d-w%05d" % (k, i) for i in range(sync_widgets)]
        status, job = call("sync", "POST", "/api/v1/sync-jobs",
                           {"publicationId": pid, "overrideExisting": False, "widgetIds": widgets})
        if status == 202:
            with lock:
                accepted.write("sync:%s\t%s\n" % (job["id"], pid))

threads = [threading.Thread(target=publisher, args=(i,)) for i in range(clients)] + [threading.Thread(target=syncer)]
for t in threads:
    t.start()
while any(t.is_alive() for t in threads):
    time.sleep(1)
    with lock:
        answers.flush(); accepted.flush()
with open(out + "/retried", "w") as f:
    f.write("%d\n" % retried[0])
answers.close(); accepted.close()
PY
: > "$OUT/events.tsv"
event "load starts: ${SECONDS_LOAD}s, $CLIENTS clients, $PUBLISH_RATE publications/s, a sync job every ${SYNC_EVERY}s"
python3 "$OUT/load.py" "$A_PORT,$B_PORT" "$SECONDS_LOAD" "$CLIENTS" "$PUBLISH_RATE" "$SYNC_EVERY" "$SYNC_WIDGETS" \
    "$TOKEN" "$SEED" "$OUT" "$GIVE_UP" > "$OUT/load.log" 2>&1 &
LOAD_PID=$!
LOAD_START=$(date +%s)

# ---- the faults: three events in a seeded order, at seeded times in the middle of the run ------------------------------
RANDOM=$SEED
EVENTS=(kill-a restart-pg term-b)
for i in 2 1; do # Fisher-Yates on three
    j=$((RANDOM % (i + 1)))
    t=${EVENTS[$i]}; EVENTS[$i]=${EVENTS[$j]}; EVENTS[$j]=$t
done
jitter=$((SECONDS_LOAD / 10 + 1))
AT=()
for slot in 1 2 3; do
    AT+=($((SECONDS_LOAD * (slot * 2 - 1) / 6 + RANDOM % jitter - jitter / 2)))
done
log "fault plan (seed $SEED): ${EVENTS[0]} at ${AT[0]}s, ${EVENTS[1]} at ${AT[1]}s, ${EVENTS[2]} at ${AT[2]}s"
for i in 0 1 2; do
    while (($(date +%s) - LOAD_START < AT[i])); do sleep 0.2; done
    case "${EVENTS[$i]}" in
        kill-a)
            down=$((1 + RANDOM % 5))
            event "kill -9 A (down ${down}s)"
            kill -9 "${PID[a]}"
            wait "${PID[a]}" 2> /dev/null || true
            sleep "$down"
            start_a
            event "A live again"
            ;;
        restart-pg)
            event "pg-restart begins"
            pg -m fast -w restart > /dev/null
            event "pg-restart done"
            ;;
        term-b)
            down=$((1 + RANDOM % 5))
            event "SIGTERM B (down ${down}s after it exits)"
            kill -TERM "${PID[b]}"
            wait "${PID[b]}" 2> /dev/null || true
            sleep "$down"
            start_b
            event "B live again"
            ;;
    esac
done
# the load goes on for CHAOS_SECONDS, and at least 20 s past the last fault (restarts may take longer than planned)
until_s=$(($(date +%s) + 20))
((until_s < LOAD_START + SECONDS_LOAD)) && until_s=$((LOAD_START + SECONDS_LOAD))
while (($(date +%s) < until_s)); do sleep 0.2; done
touch "$OUT/stop"
wait "$LOAD_PID" || true
LOAD_PID=""
event "load ends"

# ---- wait until every job is terminal ------------------------------------------------------------------------------------
deadline=$(($(date +%s) + SETTLE))
while true; do
    open=$(sql "SELECT (SELECT count(*) FROM publications WHERE state NOT IN ('ACTIVE','FAILED'))
                     + (SELECT count(*) FROM sync_jobs WHERE state IN ('QUEUED','RUNNING'))")
    [[ "$open" == 0 ]] && break
    if (($(date +%s) >= deadline)); then
        log "NOT SETTLED: $open job(s) still unfinished ${SETTLE}s after the load ended; they count as lost below" \
            "(raise CHAOS_SETTLE_SECONDS if the machine is just slow; their rows and the logs in $OUT say where they stopped)"
        break
    fi
    sleep 1
done
event "settled"
curl -fsS -H "$AUTH" "$SIM/simulator/admin/stats" > "$OUT/sim-stats.json"

# ---- the report ------------------------------------------------------------------------------------------------------------
sql "SELECT id, widget_id, state, coalesce(failure_reason, ''), coalesce(last_failure, last_error, ''), attempts, polls, conflicts
     FROM publications" > "$OUT/publications.tsv"
sql "SELECT id, state, total, synced, skipped, failed FROM sync_jobs" > "$OUT/sync-jobs.tsv"
sql "SELECT job_id, widget_id, status, coalesce(reason, '') FROM sync_items" > "$OUT/sync-items.tsv"
sql "SELECT id FROM themes" > "$OUT/drafts.tsv"

set +e
python3 - "$OUT" <<'PY'
import collections, json, sys
out = sys.argv[1]
def rows(name):
    with open(out + "/" + name) as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]
pubs = rows("publications.tsv")
jobs = rows("sync-jobs.tsv")
items = rows("sync-items.tsv")
accepted = rows("accepted.tsv")
answers = rows("answers.tsv")
events = rows("events.tsv")
stats = json.load(open(out + "/sim-stats.json"))
themes = stats.get("themesPerWidget", {})
applied = stats.get("batchSyncApplicationsPerWidget", {})

by_state = collections.Counter(p[2] for p in pubs)
print("publications by state: " + ", ".join("%s %d" % kv for kv in sorted(by_state.items())))
failed = [p for p in pubs if p[2] == "FAILED"]
for p in failed:
    print("  FAILED %s widget %s attempts %s polls %s conflicts %s\n    failure_reason: %s\n    last_error: %s"
          % (p[0], p[1], p[5], p[6], p[7], p[3], p[4]))
lost = []
lost += ["publication %s on %s is %s (last_error: %s)" % (p[0], p[1], p[2], p[4]) for p in pubs
         if p[2] not in ("ACTIVE", "FAILED")]
known = {p[0] for p in pubs}
lost += ["publication %s was accepted (202) but has no row" % a[0] for a in accepted
         if not a[0].startswith(("sync:", "draft:", "gaveup:")) and a[0] not in known]
lost += ["publication %s on %s is ACTIVE but CXone has no theme for the widget" % (p[0], p[1]) for p in pubs
         if p[2] == "ACTIVE" and themes.get(p[1], 0) == 0]
lost += ["sync job %s is %s" % (j[0], j[1]) for j in jobs if j[1] in ("QUEUED", "RUNNING")]
known_jobs = {j[0] for j in jobs}
lost += ["sync job %s was accepted (202) but has no row" % a[0][5:] for a in accepted
         if a[0].startswith("sync:") and a[0][5:] not in known_jobs]
pending = [i for i in items if i[2] == "PENDING"]
if pending:
    lost.append("%d sync item(s) still PENDING, e.g. %s" % (len(pending), pending[0][1]))
failed_items = [i for i in items if i[2] == "FAILED"]
print("sync jobs: %d (%s); items: %s" % (len(jobs), ", ".join("%s %d" % kv for kv in
      sorted(collections.Counter(j[1] for j in jobs).items())), ", ".join("%s %d" % kv for kv in
      sorted(collections.Counter(i[2] for i in items).items()))))
reasons = collections.Counter(i[3] for i in failed_items)
for r, n in reasons.most_common(5):
    print("  FAILED sync items (%d): %s" % (n, r))

duplicated = []
drafts = rows("drafts.tsv")
gave_up = collections.Counter(a[0][7:] for a in accepted if a[0].startswith("gaveup:"))
answered_drafts = {a[0][6:] for a in accepted if a[0].startswith("draft:")}
answered_jobs = {a[0][5:] for a in accepted if a[0].startswith("sync:")}
if len(drafts) > len(answered_drafts) + gave_up["draft"]:
    duplicated.append("%d drafts in the database, %d answered (+%d given up): a retry created one twice"
                      % (len(drafts), len(answered_drafts), gave_up["draft"]))
if len(jobs) > len(answered_jobs) + gave_up["sync"]:
    duplicated.append("%d sync jobs in the database, %d answered (+%d given up): a retry created one twice"
                      % (len(jobs), len(answered_jobs), gave_up["sync"]))
widgets = collections.Counter(p[1] for p in pubs)
duplicated += ["widget %s has %d publications" % (w, n) for w, n in widgets.items() if n > 1]
duplicated += ["widget %s has %d CXone themes" % (w, n) for w, n in themes.items() if w.startswith("chaos-p") and n > 1]
duplicated += ["widget %s was applied %d times by batch-sync" % (w, n) for w, n in applied.items() if n > 1]
synced_items = collections.Counter(i[1] for i in items if i[2] == "SYNCED")
duplicated += ["widget %s is SYNCED in %d items" % (w, n) for w, n in synced_items.items() if n > 1]

for name, things in (("LOST", lost), ("DUPLICATED", duplicated)):
    for t in things[:20]:
        print("  %s: %s" % (name, t))
    if len(things) > 20:
        print("  %s: ... %d more" % (name, len(things) - 20))

# our API's answers: all of them, and those from the start of the PostgreSQL restart until 15 s after it ended
def at(label):
    return [int(e[0]) for e in events if e[1].startswith(label)]
window = None
if at("pg-restart begins") and at("pg-restart done"):
    window = (at("pg-restart begins")[0], at("pg-restart done")[0] + 15000)
def status_counts(rs):
    return ", ".join("%s %d" % kv for kv in sorted(collections.Counter(r[3] for r in rs).items()))
print("our API's answers: " + status_counts(answers))
print("  replayed answers (Idempotent-Replayed): %d; requests answered only after a retry: %s; given up: %s"
      % (sum(1 for r in answers if len(r) > 6 and r[6] == "replayed"), open(out + "/retried").read().strip(),
         dict(gave_up) or 0))
if window:
    during = [r for r in answers if window[0] <= int(r[0]) <= window[1]]
    print("  during the PostgreSQL restart (+15 s): " + status_counts(during))
bad = [r for r in answers if r[3].isdigit() and int(r[3]) >= 500
       and not (r[3] == "503" and r[4].startswith("application/problem+json"))]
for r in bad[:10]:
    print("  API %s on %s (%s, %s): %s" % (r[3], r[2], r[1], r[4], r[5] if len(r) > 5 else ""))
print("CXone (simulator) answers: " + "; ".join("%s %s" % (k.split(" ", 1)[1].rsplit("/", 1)[-1], json.dumps(v))
      for k, v in sorted(stats.get("requests", {}).items()) if k.startswith(("POST", "GET")) and "/api/" in k))
print("chaos: publications=%d active=%d failed=%d lost=%d duplicated=%d api500=%d"
      % (len(pubs), by_state.get("ACTIVE", 0), len(failed) + len(failed_items), len(lost) + len(pending) - (1 if pending else 0),
         len(duplicated), len(bad)))
sys.exit(1 if failed or failed_items or lost or duplicated or bad else 0)
PY
rc=$?
set -e
event "report done (exit $rc)"
exit "$rc"
