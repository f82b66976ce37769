#!/bin/sh
#
# Copyright 2026 the Sinkwire authors
# SPDX-License-Identifier: Apache-2.0
#

# Durable outbox benchmarks (issue 14), both databases, library and bare-SQL limits side by side.
# Usage: benchmarks/scripts/durable.sh <path to benchmarks.jar>   (builds nothing; about 5-7 minutes)
# Build the jar beforehand with: ./mvnw -B -pl benchmarks -am package -DskipTests
set -eu
JAR="${1:?usage: durable.sh <benchmarks.jar>}"
OUT="${TMPDIR:-/tmp}/sinkwire-durable-bench.csv"
uptime
java -jar "$JAR" 'dev.sinkwire.benchmarks.durable' -f 1 -wi 2 -w 1s -i 4 -r 1s -rf csv -rff "$OUT"
echo
echo "rows (events/s, or ops/s for uuid/serialize):"
cat "$OUT"
uptime
