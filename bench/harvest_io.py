#!/usr/bin/env python3
"""Runs `fedcat harvest ... --json` and prints, beside its CPU seconds per thread, what the process read and wrote.

usage: bench/harvest_io.py FEDCAT harvest ID --root R --db DB --json

The byte counts are the process's last reading of /proc/PID/io before it ended (sampled every 0.1 s): `wchar` is every
byte handed to write calls (temporary files, WAL and database), `write_bytes` what reached the disk, and
`cancelled_write_bytes` what was written to files deleted before it reached the disk.
"""
import json
import subprocess
import sys
import time

if len(sys.argv) < 3:
    sys.exit(__doc__)
process = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
last = {}
while process.poll() is None:
    try:
        with open(f"/proc/{process.pid}/io") as io:
            last = dict(line.split(": ") for line in io.read().strip().split("\n"))
    except OSError:
        pass
    time.sleep(0.1)
output = process.stdout.read()
try:
    report = json.loads(output)[0]
except (ValueError, IndexError):
    sys.exit(f"harvest_io: the harvest printed no JSON report (exit {process.returncode}): {output[:300]!r}")
phases = report.get("phases", {})
print(json.dumps({
    "status": report.get("status"), "records": report.get("seen"), "seconds": round(report.get("seconds", 0), 1),
    "writer_cpu_s": phases.get("gather.cpu.writer"), "harvester_cpu_s": phases.get("gather.cpu.harvester"),
    **{key: round(int(value) / 1e9, 2) for key, value in last.items()
       if key in ("rchar", "wchar", "write_bytes", "cancelled_write_bytes")},
}))
