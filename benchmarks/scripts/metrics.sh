#!/bin/sh
#
# Copyright 2026 the Sinkwire authors
# SPDX-License-Identifier: Apache-2.0
#

# Metrics on and off (issue 16): MetricsBenchmark's Queue (1 producer) and Broadcaster -> 10 queues rows
# with metrics off / metered / on, and MeterBenchmark (the counting alone, producer and consumer side),
# in ONE JMH run with -prof gc. Prints the rows, then the ratios against "off".
# Usage: benchmarks/scripts/metrics.sh <path to benchmarks.jar>   (builds nothing; about 4-5 minutes)
# Build the jar beforehand with: ./mvnw -B -pl benchmarks -am package -DskipTests
# Smoke run only (not for numbers): METRICS_BENCH_JMH="-f 1 -wi 1 -w 1s -i 1 -r 1s"
set -eu
JAR="${1:?usage: metrics.sh <benchmarks.jar>}"
OUT="${TMPDIR:-/tmp}/sinkwire-metrics-bench.json"
uptime
# shellcheck disable=SC2086
java -jar "$JAR" 'MetricsBenchmark|MeterBenchmark' -prof gc ${METRICS_BENCH_JMH:--f 3 -wi 4 -w 1s -i 5 -r 1s} \
  -rf json -rff "$OUT" | grep -E '^(Benchmark|MetricsBenchmark|MeterBenchmark)' | grep -vE 'gc\.(count|time|alloc\.rate) '
echo
python3 - "$OUT" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
score = {}
for r in rows:
    name = r["benchmark"].rsplit(".", 1)[1]
    if not name.startswith(("queue1Producer", "broadcast10Queues")):
        continue
    setting = r.get("params", {}).get("metrics")
    score[(name, setting, "ns")] = (r["primaryMetric"]["score"], r["primaryMetric"]["scoreError"])
    norm = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
    if norm:
        score[(name, setting, "B")] = (norm["score"], norm["scoreError"])
print("| row | off | metered | on | metered / off | on / off |")
print("|---|---|---|---|---|---|")
for name, label in (("queue1Producer", "Queue, 1 producer"), ("broadcast10Queues", "Broadcaster -> 10 queues")):
    for unit, what in (("ns", "ns/event"), ("B", "B/event")):
        cells = [score.get((name, s, unit)) for s in ("off", "metered", "on")]
        if None in cells:
            continue
        off = cells[0][0]
        err = lambda e: e if isinstance(e, (int, float)) and e == e else 0.0  # NaN with one iteration
        text = ["%.1f ± %.1f" % (c[0], err(c[1])) if unit == "ns" else "%.2f" % c[0] for c in cells]
        ratios = ["%.2f" % (c[0] / off) if unit == "ns" and off else "" for c in cells[1:]]
        print("| %s (%s) | %s | %s | %s | %s | %s |" % (label, what, *text, *ratios))
PY
uptime
