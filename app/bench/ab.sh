#!/usr/bin/env bash
# Builds of the service compared in one run, under the same conditions (before/after):
#   app/bench/ab.sh <name>=<counter.jar> <name>=<counter.jar>...     (AB_SECONDS, default 15; AB_ROUNDS, default 1)
# Each build gets its own fresh PostgreSQL 16 cluster, all with the same binaries and settings (the embedded-postgres
# binaries, fsync and synchronous_commit on), through DATABASE_URL, so each build's embedded-database defaults play no
# part. Each round measures each build in turn: batched mode (closed model, 64 connections; open model, 1000 req/s
# over 200 connections), naive and nodb mode (closed model), each after a 5 s warm-up, with the exactness check of
# run.sh. The same load generator as run.sh. Results in
# target/bench-ab/results.jsonl and a summary (the median of the rounds).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck disable=SC1091  # resolved at run time relative to app/
source ../scripts/lib/program.sh
strata_use_jdk
names=(); jars=()
for arg in "$@"; do names+=("${arg%%=*}"); jars+=("$(realpath "${arg#*=}")"); done
secs="${AB_SECONDS:-15}"
rounds="${AB_ROUNDS:-1}"
port=18191
metrics_port=18192
pg_port=18193
out=target/bench-ab
work="$(mktemp -d)"
stop_dbs() { local i; for i in "${!jars[@]}"; do [ -d "$work/pg$i" ] && "${as_db[@]}" "$pgbin/pg_ctl" -D "$work/pg$i" -m fast stop >/dev/null 2>&1; done; }
trap 'kill "${pid:-0}" 2>/dev/null || true; stop_dbs; cp "$work"/*.log "$out"/ 2>/dev/null; rm -rf "$work"' EXIT
rm -rf "$out"
mkdir -p "$out"
pgbin=$(dirname "$(find /tmp/embedded-pg -path '*/bin/postgres' -print -quit 2>/dev/null)")
[ -x "$pgbin/initdb" ] || { echo "no embedded PostgreSQL binaries under /tmp/embedded-pg: run the service once" >&2; exit 1; }
# PostgreSQL refuses to run as root: then as nobody. One database cluster per build, as builds may differ in schema
# version; the same binaries and settings for all
as_db=(); [ "$(id -u)" = 0 ] && as_db=(runuser -u nobody --)
chmod 755 "$work"
for i in "${!jars[@]}"; do
  mkdir "$work/pg$i"; [ "$(id -u)" = 0 ] && chown nobody "$work/pg$i"
  "${as_db[@]}" "$pgbin/initdb" -D "$work/pg$i" -U postgres -A trust >"$work/initdb.log" 2>&1
  "${as_db[@]}" "$pgbin/pg_ctl" -D "$work/pg$i" -l "$work/pg$i/server.log" -w start \
    -o "-p $((pg_port + i)) -k $work/pg$i -c fsync=on -c synchronous_commit=on -c max_connections=300" >/dev/null
done
javac -d "$work/bench" bench/LoadGen.java
load() { TARGET_PORT="$port" java -XX:+UseSerialGC -cp "$work/bench" LoadGen "$@"; }
counter() { curl -sf "localhost:$port/api/counter" | sed -E 's/.*"counter":([0-9]+).*/\1/'; }
start() { # start <build index> <mode>
  COUNTER_MODE="$2" PORT="$port" METRICS_PORT="$metrics_port" ACCESS_LOG_PER_SECOND=100 DATA_DIR="$work/unused" \
    DATABASE_URL="jdbc:postgresql://localhost:$((pg_port + $1))/postgres" DATABASE_USER=postgres DATABASE_PASSWORD='' \
    java -XX:+UseParallelGC -jar "${jars[$1]}" >>"$work/service.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do curl -sf "localhost:$port/health/ready" >/dev/null && return 0; sleep 0.5; done
  echo "service did not become ready" >&2; return 1
}
stop() { kill -TERM "$pid"; wait "$pid" || true; }
measure() { # measure <build> <label> <loadgen args...>
  local build="$1" label="$2" before after r; shift 2
  before=$(counter); r=$(load "$@"); after=$(counter)
  python3 - "$build" "$label" "$r" "$before" "$after" <<'PY' | tee -a "$out/results.jsonl"
import json, sys
build, label, r, before, after = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
ok = r["ok"]
r.update(build=build, label=label, counted=after - before,
         exact=(after - before == ok) and r["unique"] == ok and (ok == 0 or (r["min"] > before and r["max"] <= after)))
print(json.dumps(r))
PY
}

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/machine.txt"
for round in $(seq 1 "$rounds"); do
  for i in "${!jars[@]}"; do
    build="${names[$i]}"
    echo "== round $round: $build (${jars[$i]})"
    start "$i" batched
    load closed 64 5 >/dev/null
    measure "$build" "batched closed" closed 64 "$secs"
    measure "$build" "batched open1000" open 1000 "$secs" 200
    stop
    start "$i" naive
    load closed 64 5 >/dev/null
    measure "$build" "naive closed" closed 64 "$secs"
    stop
    start "$i" nodb
    load closed 64 5 >/dev/null
    measure "$build" "nodb closed" closed 64 "$secs"
    stop
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt"

python3 - "$out" "${names[@]}" <<'PY'
import json, statistics, sys
rs = [json.loads(l) for l in open(f"{sys.argv[1]}/results.jsonl")]
def med(build, label, key):
    return statistics.median(r[key] for r in rs if r["build"] == build and r["label"] == label)
for b in sys.argv[2:]:
    bc, nc = med(b, "batched closed", "throughput"), med(b, "nodb closed", "throughput")
    print(f"{b}: batched closed {bc:.0f} req/s, naive closed {med(b, 'naive closed', 'throughput'):.0f} req/s,"
          f" nodb closed {nc:.0f} req/s ({100 * bc / nc:.0f} %),"
          f" batched open 1000 req/s p50 {med(b, 'batched open1000', 'p50_ms'):.2f} ms p99 {med(b, 'batched open1000', 'p99_ms'):.2f} ms;"
          f" errors {sum(r['errors'] for r in rs if r['build'] == b)}, all exact {all(r['exact'] for r in rs if r['build'] == b and 'nodb' not in r['label'])}")
PY
