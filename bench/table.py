#!/usr/bin/env python3
"""Turns the JSON lines the bench scripts print into one Markdown report: a table of stages (records/s and peak
resident memory, fedcat next to the peers measured in the same invocation, and the time ratio) and a table of search
latencies. Reads the lines on stdin; writes the report to stdout.

usage: bench/table.py --command "make bench ..." < bench.log > docs/benchmarks.md
"""
import datetime
import json
import os
import platform
import subprocess
import sys

GROUPS = [  # (stage prefix or exact key, title) in report order
    ("fetch", "fetch over loopback (CKAN pages, bodies discarded)"),
    ("ckan-parse", "CKAN pages: parse + map (one core, from files)"),
    ("ckan-harvest", "CKAN harvest end to end: fetch, parse, map, normalise, merge, index"),
    ("ckan-harvest-unchanged", "CKAN re-harvest, nothing changed"),
    ("ckan-harvest-part", "CKAN harvest at scale: one source after another into one catalogue"),
    ("index", "index: FTS5 rebuild of the harvested catalogue"),
    ("datajson", "DCAT-US data.json, one document: read (+ map + normalise)"),
    ("dcat.rdf", "DCAT-AP RDF/XML: parse + map (+ normalise)"),
    ("dcat.ttl", "DCAT-AP Turtle: parse + map (+ normalise)"),
    ("dcat.jsonld", "DCAT-AP JSON-LD: parse + map (+ normalise)"),
    ("oai", "OAI-PMH oai_dc pages: read + map"),
    ("csw", "CSW ISO 19139 pages: read + map"),
    ("export-ttl", "export: DCAT-AP Turtle"),
    ("export-ndjson", "export: NDJSON"),
]


def group_of(line):
    stage = line.get("stage", "")
    tool = line.get("tool") or line.get("peer") or "?"
    if stage in ("fetch", "ckan-harvest", "ckan-harvest-unchanged", "ckan-harvest-part", "index") or stage.startswith("export-"):
        return stage
    if stage.startswith("ckan-parse"):
        return "ckan-parse"
    if stage.startswith("datajson-"):
        return "datajson"
    if line.get("file") in ("dcat.rdf", "dcat.ttl", "dcat.jsonld"):
        return line["file"]
    for kind, prefixes in (("oai", ("oai-", "oaipmh-")), ("csw", ("csw-",))):
        if stage.startswith(prefixes) or tool == "lxml-" + kind:
            return kind
    return None


def label(line):
    tool = line.get("tool") or line.get("peer") or "?"
    stage = line.get("stage", "")
    if tool == "fedcat" and stage.startswith(("oai-", "oaipmh-", "csw-", "ckan-parse", "dcat-parse+map", "datajson-")):
        return "fedcat (" + stage.split("-", 1)[1] + ")"
    if tool in ("rapper", "serdi"):
        return tool + " (parse only)"
    return tool


def count(line):
    for key in ("records", "datasets"):
        if isinstance(line.get(key), int):
            return line[key]
    return None


def machine():
    cpu = "unknown CPU"
    try:
        for row in open("/proc/cpuinfo"):
            if row.startswith("model name"):
                cpu = row.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(next(r for r in open("/proc/meminfo") if r.startswith("MemTotal")).split()[1])
        memory = ", %.0f GiB" % (kb / 1048576)
    except (OSError, StopIteration):
        pass
    return "%s, %d cores%s, %s %s" % (cpu, os.cpu_count() or 0, memory, platform.system(), platform.release())


def main():
    command = sys.argv[sys.argv.index("--command") + 1] if "--command" in sys.argv else "make bench"
    lines = []
    for raw in sys.stdin:
        raw = raw.strip()
        if raw.startswith("{"):
            try:
                lines.append(json.loads(raw))
            except json.JSONDecodeError:
                pass
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    except OSError:
        commit = "?"
    out = ["# Benchmarks", "",
           "Measured by `%s` on %s, commit %s." % (command, datetime.date.today().isoformat(), commit or "?"),
           "Machine: %s." % machine(), "",
           "Every row is one process timed by GNU time in the same invocation, on the same files of "
           "`../shared/bench/gen.py`; `x peer` is the peer's elapsed time divided by fedcat's "
           "(above 1: fedcat is faster). This machine is shared and noisy: 20-30% between runs.", "",
           "| stage | tool | items | elapsed s | items/s | peak RSS MB | x peer |",
           "|---|---|---:|---:|---:|---:|---:|"]
    grouped = {}
    for line in lines:
        key = group_of(line)
        if key and "elapsed_s" in line:
            grouped.setdefault(key, []).append(line)
    for key, title in GROUPS:
        rows = grouped.get(key, [])
        # The ratio is taken against a peer doing the same work: rapper and serdi only parse.
        peers = [r for r in rows if (r.get("tool") or "") not in ("fedcat", "rapper", "serdi")]
        for row in rows:
            # Against the peer that read as many items (DCAT runs at 10,000 and 100,000 in one invocation).
            peer = next((p for p in peers if count(p) is not None and count(p) == count(row)), peers[0] if peers else None)
            n = count(row) or (count(peer) if peer and row is not peer else None)
            elapsed = float(row["elapsed_s"])
            rate = "%d" % (n / elapsed) if n and elapsed > 0 else ""
            ratio = ""
            if peer and row is not peer and (row.get("tool") == "fedcat") and elapsed > 0:
                ratio = "%.1f" % (float(peer["elapsed_s"]) / elapsed)
            out.append("| %s | %s | %s | %.2f | %s | %.0f | %s |" % (
                title, label(row), n if n else "", elapsed, rate, row.get("max_rss_kb", 0) / 1024, ratio))
    searches = [l for l in lines if l.get("stage") == "search-top20"]
    if searches:
        out += ["", "Search: the 100 queries of `queries.tsv` (11 kinds), ranked first page of 20; per-query median of "
                "5 runs after a warm-up, then p50/p95/max over the queries (ms). fedcat also counts the total and "
                "groups records of one dataset into one hit; the peer ranks rows.", "",
                "| tool | rows | p50 ms | p95 ms | max ms |", "|---|---:|---:|---:|---:|"]
        for s in searches:
            out.append("| %s | %s | %s | %s | %s |" % (s.get("tool"), s.get("records", ""), s.get("p50_ms"), s.get("p95_ms"), s.get("max_ms")))
    for s in (l for l in lines if l.get("stage") == "search-cold"):
        out += ["", "Cold `fedcat search` over %s datasets (a new process per query: start, open, query, print the first "
                "page of 20), %s queries: p50 %s ms, p95 %s ms, max %s ms." % (s.get("records"), s.get("queries"), s.get("p50_ms"),
                                                                        s.get("p95_ms"), s.get("max_ms"))]
    parts = [l for l in lines if l.get("stage") == "ckan-harvest-part" and "elapsed_s" in l]
    if parts:
        total = sum(float(p["elapsed_s"]) for p in parts)
        records = sum(count(p) or 0 for p in parts)
        out += ["", "Harvest at scale: %d records in %d sources, %.0f s in all (%d records/s); per source, the seconds "
                "spent gathering (fetch, parse, map, normalise, score, stage) and merging:" % (records, len(parts), total, records / total if total else 0), "",
                "| source | records | elapsed s | gather s | merge s | quality s | peak RSS MB |", "|---:|---:|---:|---:|---:|---:|---:|"]
        for i, p in enumerate(parts):
            phases = p.get("phases") or {}
            out.append("| %d | %s | %.1f | %s | %s | %s | %.0f |" % (i + 1, count(p), float(p["elapsed_s"]), phases.get("gather", ""),
                                                                    phases.get("merge", ""), phases.get("quality", ""), p.get("max_rss_kb", 0) / 1024))
    sizes = [l for l in lines if l.get("stage") == "database-size"]
    for s in sizes:
        out += ["", "fedcat database after the CKAN harvest of %d datasets: %.0f MB." % (s["records"], s["bytes"] / 1048576)]
    print("\n".join(out))


if __name__ == "__main__":
    main()
