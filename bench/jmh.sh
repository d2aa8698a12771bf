#!/usr/bin/env bash
# The JMH microbenchmarks of the hot path: codec encode/decode, batch assembly, fan-out to 10,000
# in-memory connections. Arguments go to JMH, e.g.
#   bench/jmh.sh                          # all of them, default settings of each benchmark
#   bench/jmh.sh CodecBenchmark -f 1 -wi 3 -i 5
#   bench/jmh.sh -l                       # list
# Needs the sibling modules in ~/.m2 (mvn -pl bench -am install -DskipTests once, or a full build).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
args="${*:-dev.heartbeat.bench.jmh}"
cd "$here/.."
exec mvn -B -q ${MAVEN_OFFLINE:+-o} -pl bench test-compile exec:exec@jmh -Djmh.args="$args"
