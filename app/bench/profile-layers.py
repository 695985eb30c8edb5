#!/usr/bin/env python3
"""Attributes each JFR execution sample to a layer: the first non-JDK frame from the top of its stack.

Usage: profile-layers.py <recording.json>   (from: jfr print --json --stack-depth 64 --events jdk.ExecutionSample)
Prints samples per layer and per thread kind (the counter writer, request handlers, the rest). JFR samples Java
frames only: time in system calls (socket writes, epoll, futex, fsync) is not in these samples; run.sh measures
each process's whole CPU time per request."""
import collections
import json
import sys

LAYERS = [("dev.strata.counter.GroupCommitter", "writer loop (group commit)"),
          ("dev.strata.counter.PostgresCounterStore", "store (SQL)"),
          ("dev.strata.counter", "service, routes, access log"),
          ("org.postgresql", "JDBC driver"), ("com.zaxxer.hikari", "connection pool"),
          ("org.eclipse.jetty", "Jetty (HTTP server)"), ("io.javalin", "Javalin (routing)"),
          ("jakarta.servlet", "Jetty (HTTP server)"), ("kotlin", "Javalin (routing)"),
          ("com.fasterxml.jackson", "JSON"), ("ch.qos.logback", "logging"), ("net.logstash", "logging"),
          ("org.slf4j", "logging"), ("io.micrometer", "metrics")]


def layer(frames):
    for f in frames:
        name = f["method"]["type"]["name"].replace("/", ".")
        for prefix, label in LAYERS:
            if name.startswith(prefix):
                return label
    return "JDK only (I/O, scheduler, GC support)"


def main():
    events = json.load(open(sys.argv[1]))["recording"]["events"]
    by_layer = collections.Counter()
    by_thread = collections.Counter()
    for e in events:
        v = e["values"]
        frames = (v.get("stackTrace") or {}).get("frames") or []
        thread = (v.get("sampledThread") or {}).get("javaName") or ""
        by_layer[layer(frames)] += 1
        by_thread["counter writer" if thread == "counter-writer" else
                  "answer hand-out (virtual threads)" if thread == "counter-answers" else
                  "HTTP: Jetty selectors and acceptor (the hot route runs here)" if thread.startswith("jetty") else
                  "Javalin routes (virtual threads)" if thread.startswith("http-") else
                  "virtual-thread carriers" if thread == "" or thread.startswith("ForkJoinPool") else
                  "other: " + thread.split("-")[0]] += 1
    total = sum(by_layer.values()) or 1
    print(f"{total} execution samples")
    for name, n in by_layer.most_common():
        print(f"  {100 * n / total:5.1f} %  {name}")
    print("by thread:")
    for name, n in by_thread.most_common(6):
        print(f"  {100 * n / total:5.1f} %  {name}")


main()
