#!/usr/bin/env bash
# The CI run on a busy machine: a clean clone of the committed HEAD (with ../shared beside it, as CI lays it out) runs
# .ci/run while stress-ng keeps every core busy. Prints, per run: result, tests, failures + errors, minutes.
#
#   bash bench/ci-under-load.sh                  # two runs in a row (BENCH_RUNS), stress on all cores
#   BENCH_RUNS=1 BENCH_STRESS_CPUS=2 bash bench/ci-under-load.sh
#   BENCH_FRESH_HOME=1 bash bench/ci-under-load.sh   # also an empty Maven repository, as on a new machine (slower)
#
# Exit status: 0 when every run was green. Logs stay under $BENCH_DIR (default target/ci-under-load).
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${BENCH_RUNS:-2}"
CPUS="${BENCH_STRESS_CPUS:-$(nproc)}"
DIR="${BENCH_DIR:-$REPO/target/ci-under-load}"
SHARED="$(cd "$REPO/.." && pwd)/shared"

if ! command -v stress-ng > /dev/null; then
  echo "installing stress-ng"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq stress-ng > /dev/null
fi
[ -d "$SHARED" ] || { echo "no shared/ beside the repository ($SHARED): CI lays it out there" >&2; exit 2; }

STRESS_PID=""
cleanup() { [ -n "$STRESS_PID" ] && kill "$STRESS_PID" 2> /dev/null || true; }
trap cleanup EXIT

mkdir -p "$DIR"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); load: stress-ng --cpu $CPUS"
echo "commit: $(git -C "$REPO" rev-parse --short HEAD)"
all_green=0
for run in $(seq 1 "$RUNS"); do
  work="$DIR/run-$run"
  rm -rf "$work" && mkdir -p "$work"
  git clone -q "$REPO" "$work/main"
  ln -s "$SHARED" "$work/shared"
  home="$HOME"
  if [ "${BENCH_FRESH_HOME:-0}" = 1 ]; then home="$work/home" && mkdir -p "$home"; fi

  stress-ng --cpu "$CPUS" --timeout 90m --quiet &
  STRESS_PID=$!
  start=$(date +%s)
  status=0
  (cd "$work/main" && HOME="$home" CI=true bash .ci/run < /dev/null > "$work/ci.log" 2>&1) || status=$?
  end=$(date +%s)
  kill "$STRESS_PID" 2> /dev/null || true
  wait "$STRESS_PID" 2> /dev/null || true
  STRESS_PID=""

  # the closing summary lines of surefire (unit) and failsafe (packaged-jar ITs)
  read -r tests failures < <(grep -E '^\[(INFO|ERROR|WARNING)\] Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$' \
      "$work/ci.log" | sed -E 's/.*Tests run: ([0-9]+), Failures: ([0-9]+), Errors: ([0-9]+).*/\1 \2 \3/' \
      | awk '{t += $1; f += $2 + $3} END {print t + 0, f + 0}')
  result=$([ "$status" = 0 ] && echo green || echo RED)
  printf 'run=%s result=%s exit=%s tests=%s failures=%s minutes=%.1f log=%s\n' "$run" "$result" "$status" "$tests" \
      "$failures" "$(awk -v s="$((end - start))" 'BEGIN {print s / 60}')" "$work/ci.log"
  if [ "$status" != 0 ]; then
    all_green=1
    grep -E '<<< (FAILURE|ERROR)!|^\[ERROR\]   ' "$work/ci.log" | head -20 || true
  fi
done
exit "$all_green"
