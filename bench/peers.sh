#!/usr/bin/env bash
# Side by side: this server and the peers in ../shared/peers (node + ws; uWSGI + gevent, the seed
# demo's stack, when its Debian packages are installed), each started fresh for every scenario on
# loopback, all driven by the same load generator with the same options; then one table of figures,
# ratios to node + ws and the targets (bench/run.sh compare).
#   bench/peers.sh                          # every scenario on every server available
#   bench/peers.sh idle-10k churn-200       # some scenarios
#   REPEAT=3 bench/peers.sh fanout-5k       # three rounds, medians
# Scenarios (one space each, --batch-ms 16, recording off, queue cap 200,000):
#   idle-10k   10,000 idle viewers join one space of capacity 5, held 5 s (connects/s, CPU, memory)
#   hold-19k   19,000 idle viewers in one space held 60 s (survival)
#   fanout-1k  V=1,000 P=20 R=5 for 20 s (loss, latency, CPU per delivered event)
#   fanout-5k  V=5,000 P=50 R=5 for 30 s after a 15 s warm-up: at this load the load generator
#              itself needs about 10 s to catch up with its own start (node's p99 1.27 s after a
#              5 s warm-up, 0.57 s after 15 s); the warm-up's p99 is reported beside it
#   churn-200  200 connects a second for 30 s while 100 watch (handshake latency, CPU)
# This server is measured once /health/ready says it is ready, after its warm-up (--warm-up: until
# the JIT settles, 90 s at most; SERVER_ARGS="--warm-up 0s" measures it cold).
# Environment: SERVERS (default "heartbeat node-ws uwsgi-gevent"), REPEAT (default 1: each scenario
# that many times, the servers in turn; the table shows medians and ranges), PEERS_DIR (default
# ../shared/peers), SERVER_JAR, SERVER_ARGS (more options for this server), SERVER_JAVA_OPTS (default -XX:+UseParallelGC, as docs/deploy.md recommends; empty for the JVM's default), BENCH_PORT (default 18090), OUT (the runs' output,
# default bench/target/peers-<time>.txt). Takes about 30 minutes for everything on 2 cores.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
jar="${SERVER_JAR:-$root/server/target/heartbeat-server.jar}"
peers_source="${PEERS_DIR:-$root/../shared/peers}"
port="${BENCH_PORT:-18090}"
repeat="${REPEAT:-1}"
[[ "$repeat" =~ ^[1-9][0-9]*$ ]] || { echo "peers.sh: REPEAT must be a positive number, not '$repeat'" >&2; exit 2; }
servers=(${SERVERS:-heartbeat node-ws uwsgi-gevent})
all_scenarios=(idle-10k hold-19k fanout-1k fanout-5k churn-200)
scenarios=("$@")
[[ ${#scenarios[@]} -gt 0 ]] || scenarios=("${all_scenarios[@]}")
mkdir -p "$here/target"
out="${OUT:-$here/target/peers-$(date -u +%Y%m%dT%H%M%SZ).txt}"

[[ -f "$jar" ]] || { echo "peers.sh: no server jar at $jar (mvn -B -pl server -am package -DskipTests)" >&2; exit 1; }
[[ -d "$peers_source" ]] || { echo "peers.sh: no peers at $peers_source (set PEERS_DIR)" >&2; exit 1; }

# The peers' folder may be read-only: node's dependencies go into a copy of it.
peers="$here/target/peers"
if [[ ! -d "$peers/node_modules/ws" ]]; then
  mkdir -p "$peers"
  cp -r "$peers_source"/. "$peers"/
  chmod -R u+w "$peers"
  (cd "$peers" && npm install --no-audit --no-fund --silent) >&2
fi

available() {
  case "$1" in
    heartbeat) return 0 ;;
    node-ws) command -v node >/dev/null ;;
    uwsgi-gevent) [[ -x /usr/bin/uwsgi ]] && [[ -n "$(ls /usr/lib/uwsgi/plugins/gevent_python3*_plugin.so 2>/dev/null)" ]] ;;
    *) return 1 ;;
  esac
}

server_pid=""
start_server() { # name capacity
  local name=$1 capacity=$2
  case "$name" in
    heartbeat)
      # shellcheck disable=SC2086
      java ${SERVER_JAVA_OPTS--XX:+UseParallelGC} -jar "$jar" --host 127.0.0.1 --port "$port" --capacity "$capacity" --batch-ms 16 \
        --no-record --max-queue 200000 --max-connections 200000 --max-connections-per-address 200000 ${SERVER_ARGS:-} \
        > "$here/target/peers-server.log" 2>&1 &
      ;;
    node-ws)
      PORT=$port HOST=127.0.0.1 CAPACITY=$capacity BATCH_MS=16 node "$peers/node-ws/server.js" \
        > "$here/target/peers-server.log" 2>&1 &
      ;;
    uwsgi-gevent)
      PORT=$port HOST=127.0.0.1 CAPACITY=$capacity BATCH_MS=16 "$peers/uwsgi-gevent/start.sh" \
        > "$here/target/peers-server.log" 2>&1 &
      ;;
  esac
  server_pid=$!
  for _ in $(seq 1 150); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then await_ready "$name"; return 0; fi
    kill -0 "$server_pid" 2>/dev/null || { echo "peers.sh: $name exited; its log:" >&2; cat "$here/target/peers-server.log" >&2; exit 1; }
    sleep 0.2
  done
  echo "peers.sh: $name did not listen on $port" >&2
  exit 1
}

# As a load balancer would: this server says on /health/ready when it takes traffic (after its
# warm-up, --warm-up); the peers take it as soon as they listen.
await_ready() {
  [[ "$1" == heartbeat ]] || return 0
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && return 0
    sleep 0.2
  done
  echo "peers.sh: $1 not ready after 120 s" >&2
  exit 1
}

stop_server() {
  [[ -n "$server_pid" ]] || return 0
  kill -TERM "$server_pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
  kill -KILL "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
  sleep 2 # let the sockets of the last run leave TIME_WAIT's way
}
trap stop_server EXIT

# HEARTBEAT_LABEL names this server's column, to compare JVM options in one table:
#   HEARTBEAT_LABEL=heartbeat-c1 SERVER_JAVA_OPTS="-XX:+UseParallelGC -XX:TieredStopAtLevel=1" SERVERS=heartbeat OUT=… bench/peers.sh
label_of() {
  [[ "$1" == heartbeat ]] && echo "${HEARTBEAT_LABEL:-heartbeat}" || echo "$1"
}

scenario_capacity() {
  case "$1" in fanout-*) echo 50 ;; *) echo 5 ;; esac
}

scenario_args() { # scenario server
  case "$1" in
    idle-10k)  echo "idle -n 10000 -s 5 --spaces 1" ;;
    hold-19k)  echo "idle -n 19000 -s 60 --spaces 1" ;;
    fanout-1k) echo "fanout -v 1000 -p 20 -r 5 -d 20 --warmup-s 5" ;;
    fanout-5k) echo "fanout -v 5000 -p 50 -r 5 -d 30 --warmup-s 15" ;;
    churn-200) echo "churn -w 100 -c 200 -d 30" ;;
    *) echo "peers.sh: unknown scenario $1 (${all_scenarios[*]})" >&2; exit 2 ;;
  esac
  # The live heap after a full GC is a JVM's figure (jcmd); the others report resident memory only.
  [[ "$1" == idle-10k && "$2" == heartbeat ]] && echo "--heap" || true
}

echo "peers.sh: scenarios ${scenarios[*]} on ${servers[*]}; output in $out" >&2
# REPEAT runs each scenario that many times, the servers taking turns (A B A B …), and the table
# shows each figure's median and range: the repeats of one scenario share the machine's state of
# the moment, and one outlier of either server no longer decides a target.
for scenario in "${scenarios[@]}"; do
  for round in $(seq 1 "$repeat"); do
    for server in "${servers[@]}"; do
      if ! available "$server"; then
        [[ $round -eq 1 ]] && echo "peers.sh: skipping $server (not installed here; see ../shared/peers/README.md)" >&2
        continue
      fi
      echo "== $scenario on $server (round $round of $repeat)" >&2
      start_server "$server" "$(scenario_capacity "$scenario")"
      # shellcheck disable=SC2046
      "$here/run.sh" $(scenario_args "$scenario" "$server") --url "ws://127.0.0.1:$port" --pid "$server_pid" \
        --label "$(label_of "$server")/$scenario" >> "$out" || true
      stop_server
    done
  done
done

"$here/run.sh" compare "$out"
