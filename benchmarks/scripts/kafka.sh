#!/bin/sh
#
# Copyright 2026 the Sinkwire authors
# SPDX-License-Identifier: Apache-2.0
#

# Kafka sink vs a bare KafkaProducer loop (issue 15): one JMH run, both rows, events/s and -prof gc.
# Usage: benchmarks/scripts/kafka.sh <path to benchmarks.jar>   (builds nothing; about 3 minutes)
# Build the jar beforehand with: ./mvnw -B -pl benchmarks -am package -DskipTests
# The broker (one KRaft node, warmed with 300,000 records) runs in a JVM of its own, started here and
# stopped at the end: both benchmarks write to that same broker, and -prof gc counts only the clients.
# Smoke run only (not for numbers): KAFKA_BENCH_WARMUP=1000 KAFKA_BENCH_JMH="-f 1 -wi 1 -w 1s -i 1 -r 1s"
set -eu
JAR="${1:?usage: kafka.sh <benchmarks.jar>}"
DIR="$(mktemp -d "${TMPDIR:-/tmp}/sinkwire-kafka-bench.XXXXXX")"
OUT="$DIR/result.csv"
uptime
java -Xms1g -Xmx1g -cp "$JAR" dev.sinkwire.benchmarks.kafka.KafkaBenchBroker "$DIR/bootstrap" "${KAFKA_BENCH_WARMUP:-300000}" \
  > "$DIR/broker.log" 2>&1 &
BROKER_PID=$!
trap 'kill "$BROKER_PID" 2>/dev/null || true; wait "$BROKER_PID" 2>/dev/null || true; rm -rf "$DIR"' EXIT INT TERM
i=0
while [ ! -s "$DIR/bootstrap" ]; do
  i=$((i + 1))
  if [ "$i" -gt 180 ] || ! kill -0 "$BROKER_PID" 2>/dev/null; then
    echo "the benchmark broker did not start:"; cat "$DIR/broker.log"; exit 1
  fi
  sleep 1
done
echo "broker at $(cat "$DIR/bootstrap") after ${i}s (including its warm-up)"
# shellcheck disable=SC2086
java -jar "$JAR" KafkaSinkBenchmark -prof gc ${KAFKA_BENCH_JMH:--f 1 -wi 4 -w 5s -i 5 -r 5s} \
  -jvmArgsAppend "-Dsinkwire.bench.kafka=$(cat "$DIR/bootstrap")" -rf csv -rff "$OUT"
echo
echo "rows: events/s (primary), B per event of all fork threads (gc.alloc.rate.norm), B per event of the calling thread (callerBytesPerEvent):"
grep -E '"(dev[^"]*KafkaSinkBenchmark\.(bareProducer|kafkaSink))(:gc\.alloc\.rate\.norm|:callerBytesPerEvent)?"' "$OUT" || cat "$OUT"
uptime
