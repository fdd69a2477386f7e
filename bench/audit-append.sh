#!/usr/bin/env bash
# Audit benchmark, the audit writer alone: AuditLog.append, one event per transaction as every change does, with
# 1, 8, 32 concurrent writers on a fresh embedded PostgreSQL (no HTTP, no JWT, no validation in the way). Then the
# chain is checked: count = max(seq) (no gaps) = distinct prev_hash (no forks). Output: markdown rows on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
echo "| writers, time | appended | rate | chain check |"
echo "|---|---:|---:|---|"
for w in ${BENCH_WRITERS:-1 8 32}; do
    java -cp "$CP" -Dorg.jboss.logging.provider=slf4j io.cxone.themes.bench.AuditAppendBench "$w" "${BENCH_SECONDS:-20}" 2>/dev/null | grep '^|'
done
