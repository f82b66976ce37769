#!/usr/bin/env bash
#
# Copyright 2026 the Sinkwire authors
# SPDX-License-Identifier: Apache-2.0
#

# Builds this checkout's Sinkwire jars into the private repository of
# integration-tests/quarkus-extension, builds benchmarks/quarkus-bridge (a Quarkus application)
# against them, and runs its packaged jar: Event.fire -> one @EventSink method against one plain
# @Observes method, side by side (docs/benchmarks.md, "The CDI bridge under Quarkus ArC").
# Arguments go to the java command (-Dbench.events=..., -Dbench.rounds=...). Run it on a quiet machine.

set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
outer_repo="${MAVEN_OUTER_REPO:-$HOME/.m2/repository}"
repo="$root/integration-tests/quarkus-extension/target/it-repo"

./mvnw -B -q verify -pl integration-tests/quarkus-extension -am -Dmaven.test.skip=true -Dlicense.skip=true \
    -Dmaven.javadoc.skip=true -Dmaven.source.skip=true -Dinvoker.test=no-such-project -Dinvoker.failIfNoProjects=false

settings="$root/benchmarks/quarkus-bridge/target/settings.xml"
mkdir -p "$(dirname "$settings")"
sed "s#@localRepositoryUrl@#file://$outer_repo#" integration-tests/quarkus-extension/src/it/settings.xml > "$settings"
maven_home="$(./mvnw -q -v >/dev/null 2>&1; ls -d "$HOME"/.m2/wrapper/dists/apache-maven-*/*/ | head -1)"
"$maven_home/bin/mvn" -B -q -f benchmarks/quarkus-bridge/pom.xml -s "$settings" -Dmaven.repo.local="$repo" package

# the same jar in fresh JVMs (BENCH_RUNS, default 3): one JVM's JIT decisions can move the ratio.
# Each run: both targets alternating in one JVM, then each target alone in its own JVM.
jar=benchmarks/quarkus-bridge/target/quarkus-app/quarkus-run.jar
for run in $(seq 1 "${BENCH_RUNS:-3}"); do
    echo "run $run:"
    java -Xms1g -Xmx1g "$@" -jar "$jar"
    sink=$(java -Xms1g -Xmx1g -Dbench.only=sink "$@" -jar "$jar" | tee /dev/stderr | grep '^Event.fire')
    observer=$(java -Xms1g -Xmx1g -Dbench.only=observer "$@" -jar "$jar" | tee /dev/stderr | grep '^Event.fire')
    wall() { sed -n 's/.*: *\([0-9.]*\) ns\/event wall.*/\1/p'; }
    cpu() { sed -n 's/.* \([0-9.]*\) ns\/event thread CPU.*/\1/p'; }
    awk -v s="$(wall <<< "$sink")" -v o="$(wall <<< "$observer")" -v sc="$(cpu <<< "$sink")" \
        -v oc="$(cpu <<< "$observer")" \
        'BEGIN { printf "ratio alone, sink / observer: %.2fx wall, %.2fx thread CPU\n", s / o, sc / oc }'
done
