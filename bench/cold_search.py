#!/usr/bin/env python3
"""A cold search per query: for each of the bench queries (../shared/bench queries.tsv: kind, query, format filter), a
new `fedcat search` process starts, opens the catalogue read-only, runs the query and prints the first page of 20;
the wall time of each process, p50 / p95 / max over the queries, as one JSON line (bench/lib.sh's shape).

usage: bench/cold_search.py FEDCAT_BINARY DB QUERIES_TSV RECORDS
"""
import json
import subprocess
import sys
import time

binary, db, queries, records = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
times = []
for line in open(queries, encoding="utf-8"):
    parts = line.rstrip("\n").split("\t")
    if len(parts) < 2:
        continue
    # The format filter as fedcat-bench search writes it: `(query) format:f`.
    query = f"({parts[1]}) format:{parts[2].lower()}" if len(parts) > 2 and parts[2] else parts[1]
    start = time.perf_counter()
    subprocess.run([binary, "search", query, "--db", db, "--limit", "20"], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=True)
    times.append(((time.perf_counter() - start) * 1000, query))
ms = sorted(t for t, _ in times)


def percentile(p):
    k = (len(ms) - 1) * p / 100
    low = int(k)
    high = min(low + 1, len(ms) - 1)
    return ms[low] + (ms[high] - ms[low]) * (k - low)


slowest = [f"{q} {t:.0f}" for t, q in sorted(times, reverse=True)[:3]]
print(f"cold search, slowest (ms): {', '.join(slowest)}", file=sys.stderr)
print(json.dumps({"tool": "fedcat", "stage": "search-cold", "records": records, "queries": len(ms),
                  "p50_ms": round(percentile(50), 1), "p95_ms": round(percentile(95), 1), "max_ms": round(ms[-1], 1)}))
