#!/usr/bin/env bash
#
# Copyright 2026 the Sinkwire authors
# SPDX-License-Identifier: Apache-2.0
#

# Runs docker/go-events' benchmarks and Sinkwire's JMH suite back to back on this machine and
# prints one table: go-events ns/op, Java ns/op, the ratio go ÷ Java, the ratio to the limit (the
# same work with no library around it), and B/op on both sides (JMH -prof gc, go -benchmem).
#
# Usage:
#   benchmarks/compare-go-events.sh <go-events checkout>      (or GO_EVENTS_DIR=<checkout>)
#
# The go-events checkout is not part of this repository. Get one with
#   git clone https://github.com/docker/go-events /tmp/go-events
# (any revision with queue.go at the top works; the table records the one used).
#
# The Go side runs ../shared/anchors/go-events-bench.sh (relative to the repository root;
# override with ANCHORS=<dir>), which installs Go and logrus from Debian with apt-get if they are
# missing: on a fresh machine, run this as root or with those packages preinstalled.
#
# Knobs (environment):
#   GO_COUNT (5), GO_BENCHTIME (1s)          go test -count / -benchtime
#   JMH_FORKS (2), JMH_WI (3), JMH_W (1s), JMH_I (4), JMH_R (1s)
#   JMH_INCLUDE (all)                        a JMH include regexp, e.g. 'Queue|HandOff'
#   JMH_ARGS                                 more JMH arguments, e.g. '-prof jfr'
#   TARGET (target)                          Maven output folder (-Dsinkwire.target)
#   REBUILD (1)                              0 reuses an existing benchmarks.jar
#   SKIP_GO=1 / SKIP_JMH=1                   run one side only
#   GO_LOG=<file> / JMH_CSV=<file>           reuse the output of an earlier run instead
#   OUT (a new temporary folder)             where logs and the table are written
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
ANCHORS=${ANCHORS:-$ROOT/../shared/anchors}
TARGET=${TARGET:-target}
JAR="$HERE/$TARGET/benchmarks.jar"
OUT=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/sinkwire-compare.XXXXXX")}
mkdir -p "$OUT"
GOEV=${1:-${GO_EVENTS_DIR:-}}

usage() {
  sed -n '2,26p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

if [ -z "${GO_LOG:-}" ] && [ "${SKIP_GO:-0}" != 1 ]; then
  if [ -z "$GOEV" ] || [ ! -f "$GOEV/queue.go" ]; then
    echo "error: need a go-events checkout (a folder holding queue.go), got '${GOEV}'" >&2
    usage
  fi
  [ -f "$ANCHORS/go-events-bench.sh" ] || { echo "error: $ANCHORS/go-events-bench.sh not found (set ANCHORS)" >&2; exit 2; }
fi

echo "== machine"
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "nproc: $(nproc)"
lscpu | grep -E '^(Model name|Hypervisor vendor):' || true
java -version 2>&1 | head -2
echo "uptime at start: $(uptime)"
echo "results in: $OUT"

# ---- Go side -------------------------------------------------------------------------------
if [ -n "${GO_LOG:-}" ]; then
  cp "$GO_LOG" "$OUT/go.log"
elif [ "${SKIP_GO:-0}" != 1 ]; then
  echo "== go-events ($GOEV)"
  COUNT=${GO_COUNT:-5} BENCHTIME=${GO_BENCHTIME:-1s} bash "$ANCHORS/go-events-bench.sh" "$GOEV" 2>&1 | tee "$OUT/go.log"
else
  : > "$OUT/go.log"
fi
echo "uptime after go: $(uptime)"

# ---- JMH side ------------------------------------------------------------------------------
if [ -n "${JMH_CSV:-}" ]; then
  cp "$JMH_CSV" "$OUT/jmh.csv"
elif [ "${SKIP_JMH:-0}" != 1 ]; then
  if [ "${REBUILD:-1}" = 1 ] || [ ! -f "$JAR" ]; then
    echo "== building the JMH uber-jar (./mvnw -Dsinkwire.target=$TARGET -pl benchmarks -am package)"
    (cd "$ROOT" && ./mvnw -B -q -Dsinkwire.target="$TARGET" -pl benchmarks -am package -DskipTests)
  fi
  echo "== JMH suite"
  # shellcheck disable=SC2086 # JMH_ARGS is a list of arguments on purpose
  java -Duser.language=en -Duser.country=US -jar "$JAR" ${JMH_INCLUDE:+"$JMH_INCLUDE"} \
    -f "${JMH_FORKS:-2}" -wi "${JMH_WI:-3}" -w "${JMH_W:-1s}" -i "${JMH_I:-4}" -r "${JMH_R:-1s}" \
    -prof gc -rf csv -rff "$OUT/jmh.csv" ${JMH_ARGS:-} 2>&1 | tee "$OUT/jmh.log"
else
  : > "$OUT/jmh.csv"
fi
echo "uptime at end: $(uptime)"

# ---- The table -----------------------------------------------------------------------------
# Row spec: label | go benchmark | JMH benchmark (class.method) | JMH param | limit benchmark | limit param
ROWS=$(cat <<'EOF'
Broadcast, 10 sinks|BenchmarkBroadcast10|BroadcastBenchmark.sinkwire|10|BroadcastBenchmark.limitBareLoop|10
  Guava EventBus, 10 subscribers|BenchmarkBroadcast10|BroadcastBenchmark.guavaEventBus|10|BroadcastBenchmark.limitBareLoop|10
  Weld Event.fire, 10 @Observes|BenchmarkBroadcast10|WeldEventBenchmark.weldEventFire10||BroadcastBenchmark.limitBareLoop|10
  limit: bare loop under one lock|BenchmarkBroadcast10|BroadcastBenchmark.limitBareLoop|10||
Broadcast, 100 sinks|BenchmarkBroadcast100|BroadcastBenchmark.sinkwire|100|BroadcastBenchmark.limitBareLoop|100
  Guava EventBus, 100 subscribers|BenchmarkBroadcast100|BroadcastBenchmark.guavaEventBus|100|BroadcastBenchmark.limitBareLoop|100
  limit: bare loop under one lock|BenchmarkBroadcast100|BroadcastBenchmark.limitBareLoop|100||
Broadcast, 1000 sinks|BenchmarkBroadcast1000|BroadcastBenchmark.sinkwire|1000|BroadcastBenchmark.limitBareLoop|1000
  Guava EventBus, 1000 subscribers|BenchmarkBroadcast1000|BroadcastBenchmark.guavaEventBus|1000|BroadcastBenchmark.limitBareLoop|1000
  limit: bare loop under one lock|BenchmarkBroadcast1000|BroadcastBenchmark.limitBareLoop|1000||
Broadcast, 10000 sinks|BenchmarkBroadcast10000|BroadcastBenchmark.sinkwire|10000|BroadcastBenchmark.limitBareLoop|10000
  Guava EventBus, 10000 subscribers|BenchmarkBroadcast10000|BroadcastBenchmark.guavaEventBus|10000|BroadcastBenchmark.limitBareLoop|10000
  limit: bare loop under one lock|BenchmarkBroadcast10000|BroadcastBenchmark.limitBareLoop|10000||
Queue, 1 producer, incl. close|BenchmarkExtraQueue|QueueBenchmark.queue1Producer||HandOffBenchmark.limitJctoolsXadd|
  LinkedBlockingQueue + take()|BenchmarkExtraQueue|HandOffBenchmark.lbqTake||HandOffBenchmark.limitJctoolsXadd|
  ConcurrentLinkedQueue + park|BenchmarkExtraQueue|HandOffBenchmark.clqPark||HandOffBenchmark.limitJctoolsXadd|
  with a SinkMeter (accepted, delivered)|BenchmarkExtraQueue|QueueBenchmark.queue1ProducerMetered||HandOffBenchmark.limitJctoolsXadd|
  limit: JCTools MpscUnboundedXadd + park|BenchmarkExtraQueue|HandOffBenchmark.limitJctoolsXadd|||
Queue, 2 producers, incl. close|BenchmarkExtraQueue2Producers|QueueBenchmark.queue2Producers|||
Broadcaster -> 10 Queues, incl. close|BenchmarkExtraBroadcast10Queues|BroadcastQueuesBenchmark.broadcast10Queues|||
RetryingSink(Breaker), no failures|BenchmarkExtraRetryBreakerNoFail|RetryingSinkBenchmark.retryingNoFail|||
RetryingSink(Breaker), 10th fails once|BenchmarkExtraRetryBreakerFail10thNoLog|RetryingSinkBenchmark.retryingFail10th|||
  same, go with its default logging|BenchmarkExtraRetryBreakerFail10th|RetryingSinkBenchmark.retryingFail10th|||
Filter, half matching|BenchmarkExtraFilterHalf|FilterBenchmark.filterHalf||FilterBenchmark.limitInlineHalf|
  limit: the same test inline|BenchmarkExtraFilterHalf|FilterBenchmark.limitInlineHalf|||
CDI: Event.fire -> Sinkwire method sink|-|CdiBridgeBenchmark.sinkwireMethodSink||CdiBridgeBenchmark.plainObserves|
  plain @Observes method|-|CdiBridgeBenchmark.plainObserves|||
EOF
)

{
  # go summary lines: "<name> <ns med> <ns min> <ns max> <B/op> <allocs/op> <n>" after "== summary"
  awk '/^== summary/ { on = 1; next } on && /^Benchmark/ { n = $1; sub(/-[0-9]+$/, "", n); print "GO", n, $2, $5 }' "$OUT/go.log"
  # JMH CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit"[,"Param: x"...]
  # (one column per parameter of any benchmark in the run: a row's own is its one non-empty column)
  awk -F, 'NR > 1 { sub(/\r$/, ""); for (i = 1; i <= NF; i++) gsub(/"/, "", $i)
                    name = $1; sub(/^.*\.benchmarks\./, "", name)
                    param = "-"; for (i = 8; i <= NF; i++) if ($i != "") { param = $i; break }
                    unit = $7; gsub(/ /, "", unit)
                    print "JMH", name, param, $5, $6, unit }' "$OUT/jmh.csv"
  echo "ROWS"
  printf '%s\n' "$ROWS"
} | awk '
  $1 == "GO" && NF >= 4 { gons[$2] = $3; gob[$2] = $4; next }
  $1 == "JMH" { key = $2 "|" $3; if ($2 ~ /:gc\.alloc\.rate\.norm$/) { k = key; sub(/:gc\.alloc\.rate\.norm/, "", k); bop[k] = $4 }
                else if ($2 !~ /:/) { ns[key] = $4; err[key] = $5; unit[key] = $6; seen[key] = 1 } next }
  $0 == "ROWS" { rows = 1; next }
  rows {
    n = split($0, f, "|"); label = f[1]; g = f[2]; j = f[3]; p = (f[4] == "" ? "-" : f[4])
    lj = f[5]; lp = (f[6] == "" ? "-" : f[6]); key = j "|" p; lkey = lj "|" lp
    used[key] = 1
    if (!(key in ns) && !(g in gons)) next
    sub_row = (label ~ /^ /)
    out[++nr] = sprintf("| %-42s | %12s | %14s | %8s | %9s | %8s | %8s |", label,
      (!sub_row && (g in gons)) ? sprintf("%.1f", gons[g]) : "",
      (key in ns) ? ((err[key] ~ /^[0-9.]+$/) ? sprintf("%.1f ± %.1f", ns[key], err[key]) : sprintf("%.1f", ns[key])) : "-",
      ((g in gons) && (key in ns) && ns[key] > 0) ? sprintf("%.2f", gons[g] / ns[key]) : "-",
      (lj != "" && (key in ns) && (lkey in ns) && ns[lkey] > 0) ? sprintf("%.2f", ns[key] / ns[lkey]) : "-",
      (key in bop) ? sprintf("%.1f", bop[key] + 0) : "-",
      (!sub_row && (g in gob)) ? gob[g] : "")
  }
  END {
    printf "| %-42s | %12s | %14s | %8s | %9s | %8s | %8s |\n", "row (ns per event)", "go-events", "Java", "go÷Java", "Java÷limit", "Java B/op", "go B/op"
    printf "|%s|%s|%s|%s|%s|%s|%s|\n", "--------------------------------------------", "-------------:", "-------------:", "---------:", "-----------:", "----------:", "---------:"
    for (i = 1; i <= nr; i++) print out[i]
    extra = 0
    for (k in seen) if (!(k in used)) { if (!extra++) print "\nOther JMH rows:"; printf "  %-60s %12.1f %-6s %10s B/op\n", k, ns[k], unit[k], (k in bop) ? sprintf("%.1f", bop[k]) : "-" }
  }' | tee "$OUT/table.md"
echo "table written to $OUT/table.md"
