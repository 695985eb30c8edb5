#!/usr/bin/env bash
# Benchmark of the counter service on this machine, one run, every mode under the same conditions:
#   app/bench/run.sh [closedSeconds] [openSeconds]
# For each mode (batched = group commit, naive = one UPDATE transaction per request, nodb = no database,
# the ceiling of the HTTP path) it starts the service on a fresh embedded PostgreSQL, warms it up, then
# measures a closed model (64 connections as fast as they can) and an open model (1000 requests/s due at
# fixed times; latency counts from the due time). After each measured run the exactness check compares the
# database's counter with the successful answers and their values. Finally it compares the HTTP servers
# considered (Javalin/Jetty vs the JDK's built-in server) on the same closed model and on 1000 idle
# keep-alive connections. The load generator and the database share the machine with the service.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck disable=SC1091  # resolved at run time relative to app/
source ../scripts/lib/program.sh
strata_use_jdk
strata_maven_opts
closed_s="${1:-20}"
open_s="${2:-30}"
port=18181
work="$(mktemp -d)"
trap 'kill "${pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

if [ ! -f target/counter.jar ] || [ -n "$(find pom.xml src -newer target/counter.jar -print -quit)" ]; then
  mvn -q -B package -DskipTests
fi
javac -d "$work/bench" bench/LoadGen.java bench/JdkHttpServer.java
load() { TARGET_PORT="$port" java -XX:+UseSerialGC -cp "$work/bench" LoadGen "$@"; }
counter() { curl -sf "localhost:$port/api/counter" | sed -E 's/.*"counter":([0-9]+).*/\1/'; }
wait_ready() {
  for _ in $(seq 1 120); do curl -sf "localhost:$port/health/ready" >/dev/null && return 0; sleep 0.5; done
  echo "service did not become ready" >&2; return 1
}
check() { # $1 json, $2 before, $3 after
  python3 - "$1" "$2" "$3" <<'PY'
import json, sys
r = json.loads(sys.argv[1]); before, after = int(sys.argv[2]), int(sys.argv[3])
ok = r["ok"]; exact = (after - before == ok) and r["unique"] == ok and (ok == 0 or (r["min"] > before and r["max"] <= after))
print(f'  exactness: counter {before} -> {after} (+{after-before}), successful answers {ok}, unique values {r["unique"]}: '
      + ("EXACT" if exact else "MISMATCH"))
PY
}

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
for mode in batched naive nodb; do
  data="$work/db-$mode"
  COUNTER_MODE="$mode" PORT="$port" EMBEDDED_DATA_DIR="$data" java -XX:+UseParallelGC -jar target/counter.jar \
    >"$work/$mode.log" 2>&1 &
  pid=$!
  wait_ready
  load closed 64 10 >/dev/null
  echo "== $mode"
  before=$(counter); r=$(load closed 64 "$closed_s"); after=$(counter)
  echo "  $r"; check "$r" "$before" "$after"
  before=$(counter); r=$(load open 1000 "$open_s" 200); after=$(counter)
  echo "  $r"; check "$r" "$before" "$after"
  kill -TERM "$pid"; wait "$pid" || true
done

echo "== server comparison (no database: HTTP path only)"
COUNTER_MODE=nodb PORT="$port" java -XX:+UseParallelGC -jar target/counter.jar >"$work/jetty.log" 2>&1 &
pid=$!; wait_ready
load closed 64 5 >/dev/null
echo "  javalin/jetty closed: $(load closed 64 10)"
echo "  javalin/jetty idle:   $(load idle 1000 3)"
kill -TERM "$pid"; wait "$pid" || true
java -XX:+UseParallelGC -cp "$work/bench" JdkHttpServer "$port" >"$work/jdk.log" 2>&1 &
pid=$!; sleep 2
load closed 64 5 >/dev/null
echo "  jdk httpserver closed: $(load closed 64 10)"
echo "  jdk httpserver idle:   $(load idle 1000 3)"
kill "$pid"; wait "$pid" 2>/dev/null || true
