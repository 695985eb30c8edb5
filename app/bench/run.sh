#!/usr/bin/env bash
# Benchmark of the counter service on this machine, one run, every mode under the same conditions:
#   app/bench/run.sh [closedSeconds] [openSeconds] [sweepSeconds]
# For each mode (batched = group commit, naive = one UPDATE transaction per request, nodb = no database,
# the ceiling of the HTTP path) it starts the service on a fresh embedded PostgreSQL, warms it up, then
# measures a closed model (64 connections as fast as they can) and an open model (1000 requests/s due at
# fixed times; latency counts from the due time). In batched mode it then sweeps fixed rates (1k to 16k req/s)
# and reports the highest rate held at p99 <= 20 ms with 0 errors, exact. After each measured run the exactness
# check compares the database's counter with the successful answers and their values. Then a JFR profile of the
# batched closed model (hot methods; CPU and wake-ups per thread), the machine's latency floor at 1,000 req/s (a fixed
# answer from nginx, if installed) and the HTTP servers compared (Javalin/Jetty vs the JDK's built-in server).
# The load generator and the database share the machine with the service. Results: target/bench/ (and the
# sweep's PNG plot, drawn with gnuplot, at ../docs/benchmarks-rate-sweep.png).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck disable=SC1091  # resolved at run time relative to app/
source ../scripts/lib/program.sh
strata_use_jdk
strata_maven_opts
closed_s="${1:-20}"
open_s="${2:-30}"
sweep_s="${3:-15}"
rates=(1000 2000 4000 8000 12000 16000)
port=18181
metrics_port=18182
out=target/bench
work="$(mktemp -d)"
trap 'kill "${pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
rm -rf "$out"
mkdir -p "$out"

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
# start <mode> [extra java options...]: the service on a fresh embedded database, metrics on the next port
start() {
  local mode="$1"; shift
  datadir="$work/db-$mode-$RANDOM"
  COUNTER_MODE="$mode" PORT="$port" METRICS_PORT="$metrics_port" DATA_DIR="$datadir" ACCESS_LOG_PER_SECOND=100 \
    java -XX:+UseParallelGC "$@" -jar target/counter.jar >"$work/$mode.log" 2>&1 &
  pid=$!
  wait_ready
}
# CPU time (clock ticks) of processes; the embedded PostgreSQL is its postmaster (found by data directory) and children
ticks() { local p s=0; for p in "$@"; do [ -r "/proc/$p/stat" ] && s=$((s + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$s"; }
pg_pids() {
  local pm
  pm=$(pgrep -f -- "-D $datadir( |\$)" | head -1 || true)
  if [ -n "$pm" ]; then echo "$pm"; pgrep -P "$pm" || true; fi
}
pg_ticks() { local pids; mapfile -t pids < <(pg_pids); ticks "${pids[@]}"; }
# committed batches so far: "count sum" of counter_batch_size (0 0 without a database), then the commit-time
# histogram's cumulative buckets as le=count pairs
batches() {
  curl -sf "localhost:$metrics_port/metrics" | awk '/^counter_batch_size_count/ {c=$2} /^counter_batch_size_sum/ {s=$2}
    /^counter_commit_duration_seconds_bucket/ {match($0, /le="[^"]+"/); h = h " " substr($0, RSTART + 4, RLENGTH - 5) "=" $NF}
    END {print c+0, s+0 h}'
}
stop() { kill -TERM "$pid"; wait "$pid" || true; }
# per thread of the service: "tid cpu-ticks voluntary-context-switches name"
thread_stats() {
  local t
  for t in /proc/"$pid"/task/*; do
    awk -v tid="${t##*/}" -v name="$(cat "$t/comm" 2>/dev/null)" 'FNR == NR { sub(/.*\) /, ""); split($0, f, " "); cpu = f[12] + f[13]; next }
      /^voluntary_ctxt_switches/ { v = $2 }
      END { print tid, cpu, v, name }' "$t/stat" "$t/status" 2>/dev/null || true
  done
}
# measure <label> <loadgen args...>: one measured run with the exactness check, one JSON line in results.jsonl; also
# the CPU each part used per answered request (service JVM, PostgreSQL, load generator) and the mean batch size
measure() {
  local label="$1"; shift
  local before after r s0 s1 p0 p1 b0 b1
  before=$(counter); b0=$(batches); s0=$(ticks "$pid"); p0=$(pg_ticks)
  r=$(/usr/bin/time -f "%U %S" -o "$work/load.time" env TARGET_PORT="$port" java -XX:+UseSerialGC -cp "$work/bench" LoadGen "$@")
  s1=$(ticks "$pid"); p1=$(pg_ticks); b1=$(batches); after=$(counter)
  python3 - "$label" "$r" "$before" "$after" "$s0 $s1 $p0 $p1 $(getconf CLK_TCK)" "$(cat "$work/load.time")" "$b0|$b1" <<'PY' | tee -a "$out/results.jsonl"
import json, sys
label, r, before, after = sys.argv[1], json.loads(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
s0, s1, p0, p1, hz = map(int, sys.argv[5].split())
load_cpu = sum(map(float, sys.argv[6].split()))
h0, h1 = sys.argv[7].split("|")
c0, n0, *b0 = h0.split()
c1, n1, *b1 = h1.split()
c0, n0, c1, n1 = map(float, (c0, n0, c1, n1))
ok = r["ok"]
r["label"] = label
r["exact"] = (after - before == ok) and r["unique"] == ok and (ok == 0 or (r["min"] > before and r["max"] <= after))
r["counted"] = after - before
if ok:
    r["cpu_us_per_request"] = {"service": round(1e6 * (s1 - s0) / hz / ok, 1), "postgres": round(1e6 * (p1 - p0) / hz / ok, 1),
                               "loadgen": round(1e6 * load_cpu / ok, 1)}
if c1 > c0:
    r["batches"] = int(c1 - c0)
    r["mean_batch"] = round((n1 - n0) / (c1 - c0), 1)
    # commit time (the batch transaction, fsync included) of this run's batches: p50 and p99 as histogram bucket bounds
    before = {k: float(v) for k, v in (x.split("=") for x in b0)}
    buckets = sorted(((float(k), float(v) - before.get(k, 0)) for k, v in (x.split("=") for x in b1) if k != "+Inf"))
    for q, name in ((0.5, "commit_p50_ms"), (0.99, "commit_p99_ms")):
        bound = next((le for le, n in buckets if n >= q * (c1 - c0)), None)
        r[name] = round(bound * 1000, 2) if bound is not None else None
print(json.dumps(r))
PY
}

{
  echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
  echo "jdk: $(java -version 2>&1 | head -1)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared with other builds)"
  # every commit of the embedded database waits for this disk's fdatasync
  echo "data disk: $(python3 bench/fsync-probe.py "$work")"
} | tee "$out/machine.txt"

for mode in batched naive nodb; do
  echo "== $mode"
  start "$mode"
  load closed 64 10 >/dev/null
  measure "$mode closed" closed 64 "$closed_s"
  measure "$mode open1000" open 1000 "$open_s" 200
  if [ "$mode" = batched ]; then
    for rate in "${rates[@]}"; do
      measure "batched sweep $rate" open "$rate" "$sweep_s" 256
    done
  fi
  stop
done

# the floor: what the same generator measures at 1,000 req/s against a server that does nothing, a fixed answer from
# nginx (C, one worker, no Java on the server side): the latency the machine, its kernel and the generator add to
# any service in this run, against which the 2 ms p99 goal is read
if command -v nginx >/dev/null 2>&1; then
  echo "== floor: nginx, fixed answer"
  mkdir -p "$work/nginx"
  cat >"$work/nginx/nginx.conf" <<EOF
worker_processes 1;
daemon off;
error_log $work/nginx/error.log;
pid $work/nginx/nginx.pid;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 100000000;
  keepalive_timeout 700s;
  server {
    listen $port backlog=4096;
    location / { default_type application/json; return 200 '{"counter":1,"timestamp":0}'; }
  }
}
EOF
  nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" &
  pid=$!; sleep 1
  load closed 64 5 >/dev/null
  load open 1000 "$open_s" 200 | python3 -c 'import json, sys; r = json.load(sys.stdin); r["label"] = "floor open1000"; print(json.dumps(r))' \
    | tee -a "$out/results.jsonl"
  kill "$pid"; wait "$pid" 2>/dev/null || true
else
  echo "nginx not installed (Debian: nginx-light): the machine's latency floor is not measured" >&2
fi

echo "== profile: batched, closed model, JFR (recording starts after the warm-up)"
start batched
load closed 64 5 >/dev/null
jcmd "$pid" JFR.start name=bench settings=profile >/dev/null
thread_stats >"$work/threads0"
measure "batched closed (profiled)" closed 64 "$closed_s" >/dev/null
thread_stats >"$work/threads1"
jcmd "$pid" JFR.dump name=bench filename="$PWD/$out/batched.jfr" >/dev/null
stop
jfr view --width 200 hot-methods "$out/batched.jfr" >"$out/hot-methods.txt" 2>&1 || true
jfr view --width 200 allocation-by-class "$out/batched.jfr" >"$out/allocation-by-class.txt" 2>&1 || true
# where the samples are, by layer (the first non-JDK frame of each stack) and by thread
jfr print --json --stack-depth 64 --events jdk.ExecutionSample "$out/batched.jfr" >"$work/samples.json"
python3 bench/profile-layers.py "$work/samples.json" | tee "$out/layers.txt"
# per thread (numbers in names folded: jetty-N is a selector, the acceptor or a pool thread): how many, CPU and
# wake-ups (voluntary context switches) a second over the profiled run; a pool thread woken per request shows here
echo "threads of the service over the profiled run (${closed_s} s): count, CPU seconds, voluntary context switches/s"
python3 - "$work/threads0" "$work/threads1" "$closed_s" "$(getconf CLK_TCK)" <<'PY' | tee "$out/threads.txt"
import collections, re, sys
def load(path):
    return {f[0]: (f[3], int(f[1]), int(f[2])) for f in (l.split(maxsplit=3) for l in open(path)) if len(f) == 4}
a, b, secs, hz = load(sys.argv[1]), load(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
rows = collections.defaultdict(lambda: [0, 0, 0])
for tid, (name, cpu, vcs) in b.items():
    c0, v0 = a.get(tid, (name, 0, 0))[1:]
    if cpu - c0 or vcs - v0:
        r = rows[re.sub(r"\d+", "N", name.strip())]
        r[0] += 1; r[1] += cpu - c0; r[2] += vcs - v0
for name, (n, cpu, vcs) in sorted(rows.items(), key=lambda kv: -kv[1][1])[:8]:
    print(f"  {name:<24} {n:>4} threads  {cpu / hz:6.2f} s CPU  {vcs / secs:9.0f} wake-ups/s")
PY
head -25 "$out/hot-methods.txt"

echo "== server comparison (no database: HTTP path only)"
start nodb
load closed 64 5 >/dev/null
echo "  jetty 12 (counter handler) closed: $(load closed 64 10)" | tee -a "$out/servers.txt"
echo "  jetty 12 (counter handler) idle:   $(load idle 1000 3)" | tee -a "$out/servers.txt"
stop
java -XX:+UseParallelGC -cp "$work/bench" JdkHttpServer "$port" >"$work/jdk.log" 2>&1 &
pid=$!; sleep 2
load closed 64 5 >/dev/null
echo "  jdk httpserver closed: $(load closed 64 10)" | tee -a "$out/servers.txt"
echo "  jdk httpserver idle:   $(load idle 1000 3)" | tee -a "$out/servers.txt"
kill "$pid"; wait "$pid" 2>/dev/null || true

echo "== summary"
python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
rs = {r["label"]: r for r in map(json.loads, open(f"{out}/results.jsonl"))}
b, n, z = rs["batched closed"], rs["naive closed"], rs["nodb closed"]
o = rs["batched open1000"]
print(f"batched closed {b['throughput']:.0f} req/s = {b['throughput']/n['throughput']:.1f}x naive ({n['throughput']:.0f}),"
      f" {100*b['throughput']/z['throughput']:.0f} % of nodb ({z['throughput']:.0f})")
print(f"batched open 1000 req/s: p99 {o['p99_ms']} ms, errors {o['errors']}, exact {o['exact']}; the commit itself:"
      f" p50 <= {o.get('commit_p50_ms')} ms, p99 <= {o.get('commit_p99_ms')} ms (histogram bounds)")
f = rs.get("floor open1000")
if f:
    print(f"floor (nginx, fixed answer) open 1000 req/s: p50 {f['p50_ms']} ms, p99 {f['p99_ms']} ms, errors {f['errors']};"
          f" nodb p99 {rs['nodb open1000']['p99_ms']} ms")
for m in ("batched", "naive", "nodb"):
    r = rs[f"{m} closed"]
    c = r.get("cpu_us_per_request", {})
    print(f"{m} closed: CPU per request: service {c.get('service')} us, PostgreSQL {c.get('postgres')} us, load generator"
          f" {c.get('loadgen')} us" + (f"; {r['batches']} batches, mean {r['mean_batch']} requests" if "batches" in r else ""))
held = [r for l, r in rs.items() if l.startswith("batched sweep")]
with open(f"{out}/sweep.dat", "w") as f:
    f.write("# rate achieved p50 p90 p99 p999 max errors exact\n")
    for r in held:
        f.write(f"{r['model'].split('@')[1]} {r['throughput']:.0f} {r['p50_ms']} {r['p90_ms']} {r['p99_ms']} {r['p999_ms']} {r['max_ms']} {r['errors']} {int(r['exact'])}\n")
good = [int(r["model"].split("@")[1]) for r in held if r["p99_ms"] <= 20 and r["errors"] == 0 and r["exact"]]
print("sweep: " + ", ".join(f"{r['model'].split('@')[1]}: p99 {r['p99_ms']} ms, errors {r['errors']}, exact {r['exact']}" for r in held))
print(f"highest rate held at p99 <= 20 ms, 0 errors, exact: {max(good) if good else 'none'} req/s")
PY

if command -v gnuplot >/dev/null 2>&1; then
  gnuplot <<EOF
set terminal pngcairo size 900,560 font "DejaVu Sans,11"
set output "../docs/benchmarks-rate-sweep.png"
set title "Counter service, batched mode: latency vs offered rate (open model, one run)"
set xlabel "offered rate (requests/s)"
set ylabel "latency from the due time (ms, log scale)"
set logscale y
set key top left
set grid
set xtics (1000, 2000, 4000, 8000, 12000, 16000)
plot "$out/sweep.dat" using 1:3 with linespoints title "p50", \
     "" using 1:4 with linespoints title "p90", \
     "" using 1:5 with linespoints lw 2 title "p99", \
     "" using 1:6 with linespoints title "p99.9", \
     "" using 1:7 with linespoints title "max", \
     20 with lines dt 2 lc rgb "red" title "20 ms (p99 target)"
EOF
  echo "plot: docs/benchmarks-rate-sweep.png"
else
  echo "gnuplot not installed (Debian: gnuplot-nox): no plot drawn" >&2
fi
