#!/usr/bin/env python3
"""fsync-probe.py <directory> [count]: how long the disk under <directory> takes to make one 8 KiB write durable.

Writes 8 KiB and calls fdatasync, <count> times (default 2000), in a scratch file that is removed afterwards: the
cost of one durable commit of the embedded database, whose data lives there. Prints one line of percentiles."""
import os
import sys
import tempfile
import time

directory = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
size = 8192
fd, path = tempfile.mkstemp(dir=directory, prefix="fsync-probe-")
try:
    os.posix_fallocate(fd, 0, 16 << 20)
    os.fsync(fd)
    block = b"x" * size
    took = []
    offset = 0
    for _ in range(count):
        t0 = time.perf_counter_ns()
        os.pwrite(fd, block, offset)
        os.fdatasync(fd)
        took.append(time.perf_counter_ns() - t0)
        offset = (offset + size) % (16 << 20)
finally:
    os.close(fd)
    os.unlink(path)
took.sort()


def pct(q):
    return took[min(len(took) - 1, int(q * len(took)))] / 1e6


print(f"{count} x (8 KiB write + fdatasync): p50 {pct(.5):.2f} ms, p99 {pct(.99):.2f} ms, "
      f"p99.9 {pct(.999):.2f} ms, max {took[-1] / 1e6:.1f} ms, over 10 ms: {sum(1 for t in took if t > 1e7)}")
