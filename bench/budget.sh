#!/usr/bin/env bash
# One command per budget item: starts the Heartbeat server as its own process on loopback, runs the
# load generator against it with the budget's parameters, stops the server.
#   bench/budget.sh idle     # 50,000 idle connections (or what the open-files limit allows) over 100
#                            # spaces, held 60 s: survival, server memory per connection (< 20 KiB)
#   bench/budget.sh fanout   # V=5000, P=50, R=5, --batch-ms 16: no loss, p99 <= 60 ms, CPU per event
#   bench/budget.sh churn    # 100 connects a second for 30 s while 1000 watch
# Extra arguments go to the load generator (later ones win), e.g. bench/budget.sh idle -n 10000.
# Environment: SERVER_JAR (default server/target/heartbeat-server.jar), SERVER_JAVA_OPTS (default -XX:+UseParallelGC, as docs/deploy.md recommends; empty for the JVM's default),
# BENCH_PORT (default 18080), SERVER_FLAGS (server flags instead of the run's own, e.g. to try another
# --batch-ms), BENCH_JAVA_OPTS (see run.sh).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
run="${1:?usage: bench/budget.sh idle|fanout|churn [load generator options]}"
shift
jar="${SERVER_JAR:-$root/server/target/heartbeat-server.jar}"
port="${BENCH_PORT:-18080}"
[[ -f "$jar" ]] || { echo "budget.sh: no server jar at $jar (build it: mvn -B -pl server -am package -DskipTests)" >&2; exit 1; }

hard="$(ulimit -Hn)"
ulimit -n "$hard" 2>/dev/null || true
files="$(ulimit -n)"
# Both processes hold one descriptor per connection; keep room for the JVMs' own files.
most=$(( files - 300 ))

case "$run" in
  idle)
    connections=50000
    if (( connections > most )); then
      echo "budget.sh: open files limit is $files here, so the idle run holds $most connections, not 50,000" >&2
      connections=$most
    fi
    server_flags=(--capacity 5 --max-queue 200000 --max-connections 200000 --max-connections-per-address 200000 --new-spaces-per-minute 100000)
    # Over 100 spaces: in one space every arrival is told to everyone already waiting (N^2/2 events),
    # which measures that broadcast, not what a connection costs; --spaces 1 runs it that way.
    bench_args=(idle -n "$connections" -s 60 --spaces 100 --heap --budget-kib 20)
    ;;
  fanout)
    server_flags=(--capacity 50 --batch-ms 16 --max-queue 200000 --max-connections-per-address 200000)
    bench_args=(fanout -v 5000 -p 50 -r 5 -d 30 --warmup-s 5 --budget-p99-ms 60)
    ;;
  churn)
    server_flags=(--capacity 5 --max-queue 200000 --max-connections-per-address 200000)
    bench_args=(churn -w 1000 -c 100 -d 30)
    ;;
  *) echo "budget.sh: unknown run '$run' (idle, fanout, churn)" >&2; exit 2 ;;
esac

if [[ -n "${SERVER_FLAGS:-}" ]]; then
  read -r -a server_flags <<< "$SERVER_FLAGS"
fi

log="$(mktemp -t heartbeat-server.XXXXXX.log)"
# shellcheck disable=SC2086
java ${SERVER_JAVA_OPTS--XX:+UseParallelGC} -jar "$jar" --host 127.0.0.1 --port "$port" "${server_flags[@]}" >"$log" 2>&1 &
server_pid=$!
stop_server() {
  if kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
}
trap stop_server EXIT

for _ in $(seq 1 150); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  kill -0 "$server_pid" 2>/dev/null || { echo "budget.sh: the server exited; its log:" >&2; cat "$log" >&2; exit 1; }
  sleep 0.2
done
# Measured once ready, as a load balancer sends traffic: after the server's warm-up (--warm-up).
for _ in $(seq 1 600); do
  curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break
  sleep 0.2
done
echo "budget.sh: server pid $server_pid on 127.0.0.1:$port (${server_flags[*]}), log $log" >&2

status=0
"$here/run.sh" "${bench_args[@]}" --url "ws://127.0.0.1:$port" --pid "$server_pid" "$@" || status=$?
exit "$status"
