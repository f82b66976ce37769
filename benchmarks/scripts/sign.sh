#!/bin/sh
#
# Copyright 2026 the Sinkwire authors
# SPDX-License-Identifier: Apache-2.0
#

# Webhook signing (issue 17): Standard Webhooks signing vs unsigned delivery at batch size 1,
# against the same loopback receiver, both rows in ONE JMH run; then the sink's own work per event
# without a network (signed vs unsigned: what a signature costs, in ns and bytes).
# Usage: benchmarks/scripts/sign.sh <path to benchmarks.jar>   (builds nothing; about 4-5 minutes)
#        SIGN_SMOKE=1 sign.sh <jar>: the same commands with 1 fork of 1 x 1 s (checks that it runs).
# Build the jar beforehand with: ./mvnw -B -pl benchmarks -am package -DskipTests
# Goal: signed / unsigned time at most 1.1 in the first table.
set -eu
JAR="${1:?usage: sign.sh <benchmarks.jar>}"
LOOPBACK_OPTS="-f 5 -wi 5 -w 1s -i 10 -r 1s"
NONETWORK_OPTS="-f 2 -wi 5 -w 1s -i 5 -r 1s"
if [ "${SIGN_SMOKE:-0}" = 1 ]; then
  LOOPBACK_OPTS="-f 1 -wi 1 -w 1s -i 1 -r 1s"
  NONETWORK_OPTS="$LOOPBACK_OPTS"
fi
DIR="$(mktemp -d "${TMPDIR:-/tmp}/sinkwire-sign-bench.XXXXXX")"  # kept: the CSVs of both runs
uptime
# 1. Loopback delivery, us per event (= per request at batch 1): 2 rows x 5 forks x (5 + 10) x 1 s, ~3 min.
java -jar "$JAR" '^dev\.sinkwire\.benchmarks\.http\.WebhookBenchmark\.deliver$' \
  -p batchSize=1 -p signing=none,standard-webhooks \
  $LOOPBACK_OPTS -prof gc -rf csv -rff "$DIR/loopback.csv"
# 2. The sink's own work per event, no network, ns per event: 2 rows x 2 forks x (5 + 5) x 1 s, ~1 min.
java -jar "$JAR" '^dev\.sinkwire\.benchmarks\.http\.WebhookSigningBenchmark\.write$' \
  -p signing=none,standard-webhooks \
  $NONETWORK_OPTS -prof gc -rf csv -rff "$DIR/nonetwork.csv"
echo
for f in loopback nonetwork; do
  echo "== $f: benchmark, signing, score, error, unit (time per event; gc.alloc.rate.norm = B per event)"
  # JMH's CSV (CR LF): "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit",params;
  # the last param is signing.
  awk -F, 'NR > 1 { sub(/\r$/, ""); gsub(/"/, "") }
    NR > 1 && ($1 ~ /(deliver|write)$/ || $1 ~ /gc\.alloc\.rate\.norm$/) {
      printf "%-72s %-18s %12.3f ± %10.3f %s\n", $1, $NF, $5, $6, $7 }
    NR > 1 && $1 ~ /(deliver|write)$/ { t[$NF] = $5 }
    END { if (t["none"] > 0) printf "signed / unsigned time: %.3f\n", t["standard-webhooks"] / t["none"] }' "$DIR/$f.csv"
  echo
done
uptime
echo "CSV files: $DIR"
