#!/usr/bin/env bash
#
# Copyright 2026 the Sinkwire authors
# SPDX-License-Identifier: Apache-2.0
#

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

java -Xms1g -Xmx1g "$@" -jar benchmarks/quarkus-bridge/target/quarkus-app/quarkus-run.jar
