#!/usr/bin/env bash
# Fan-out through one node, then through two nodes joined by a local redis-server, with the same
# load: V viewers and P pulsing members (default 2000, 20, at 5 pulses a second), connections dealt
# out to the nodes in turn. Prints each run's table and JSON line, plus the nodes' CPU time.
#   bench/cluster-compare.sh            # defaults
#   bench/cluster-compare.sh -v 1000    # extra arguments go to the load generator
# Needs redis-server (apt-get install redis-server) and the server jar.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
jar="${SERVER_JAR:-$root/server/target/heartbeat-server.jar}"
[[ -f "$jar" ]] || { echo "cluster-compare.sh: no server jar at $jar (mvn -B -pl server -am package -DskipTests)" >&2; exit 1; }
command -v redis-server >/dev/null || { echo "cluster-compare.sh: apt-get install redis-server" >&2; exit 1; }

redis_port=16379
flags=(--host 127.0.0.1 --capacity 100 --max-queue 100000 --batch-ms 16 --no-record --max-connections-per-address 200000)
pids=()
cleanup() { # nodes first, Redis last, so that the nodes can leave the cluster cleanly
  for (( i=${#pids[@]}-1; i>=0; i-- )); do kill "${pids[i]}" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

cpu_ms() { # utime + stime of a process, in ms
  awk -v hz="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$1/stat"
}

start_node() { # port, extra flags...
  local port=$1; shift
  java -jar "$jar" "${flags[@]}" --port "$port" "$@" > "/tmp/heartbeat-node-$port.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 600); do # ready after its warm-up (--warm-up), at most 90 s
    curl -sf "http://127.0.0.1:$port/health" >/dev/null && return 0
    sleep 0.2
  done
  echo "cluster-compare.sh: node on $port did not start; see /tmp/heartbeat-node-$port.log" >&2
  exit 1
}

run() { # label, urls, node pids...
  local label=$1 urls=$2; shift 2
  local before=() total=0 n=0
  for pid in "$@"; do before+=("$(cpu_ms "$pid")"); done
  echo "== $label" >&2
  "$here/run.sh" fanout --url "$urls" -v 2000 -p 20 -r 5 -d 20 "${extra[@]}" || true
  for pid in "$@"; do total=$(( total + $(cpu_ms "$pid") - before[n] )); n=$((n + 1)); done
  echo "== $label: the nodes' CPU time during the run: ${total} ms" >&2
}

extra=("$@")

start_node 18091
run "one node" "ws://127.0.0.1:18091" "${pids[0]}"
cleanup; pids=()

redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no > /tmp/heartbeat-redis.log 2>&1 &
pids+=($!)
sleep 0.5
start_node 18092 --redis "redis://127.0.0.1:$redis_port" --node-id a
start_node 18093 --redis "redis://127.0.0.1:$redis_port" --node-id b
run "two nodes through Redis" "ws://127.0.0.1:18092,ws://127.0.0.1:18093" "${pids[1]}" "${pids[2]}"
