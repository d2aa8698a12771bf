#!/usr/bin/env bash
# heartbeat-bench with the operating system limits a large run needs.
#   bench/run.sh idle --url ws://127.0.0.1:8080 -n 19000 -s 60 --pid <server pid>
#   bench/run.sh fanout --url ws://127.0.0.1:8080 -v 5000 -p 50 -r 5 --pid <server pid>
#   bench/run.sh churn --url ws://127.0.0.1:8080 -w 1000 -c 100
#   bench/run.sh --help
# Builds the jar first when it is missing. JVM options: BENCH_JAVA_OPTS (default below).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/heartbeat-bench.jar"
if [[ ! -f "$jar" ]]; then
  echo "run.sh: building $jar" >&2
  (cd "$here/.." && mvn -B -q -pl bench -am package -DskipTests)
fi

# Every connection is a file descriptor: take the hard limit (raising that needs root's limits.conf).
hard="$(ulimit -Hn)"
ulimit -n "$hard" 2>/dev/null || echo "run.sh: could not raise 'ulimit -n' to $hard" >&2
echo "run.sh: open files limit $(ulimit -n); ephemeral ports $(tr -s '\t ' '-' < /proc/sys/net/ipv4/ip_local_port_range) per source address" >&2

# Parallel GC: the client allocates a few short-lived strings per frame and keeps little, so young
# collections are short; G1's concurrent refinement threads cost it a fifth of its CPU in fan-out runs.
exec java ${BENCH_JAVA_OPTS:--Xms2g -Xmx6g -XX:+UseParallelGC} -jar "$jar" "$@"
