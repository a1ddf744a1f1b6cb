#!/usr/bin/env bash
# A large DCAT-US data.json read one dataset at a time (fedcat-bench datajson: the `datajson` harvester's streaming
# read of a spooled body, each dataset parsed and written back as its payload; then also mapped and normalised),
# beside Python's json.load and jq reading the same file whole. One JSON line per measurement (bench/lib.sh), with
# the peak resident memory.
#
#   bench/datajson-read.sh [N]      (default 370000 datasets, a 1.02 GB file; work files in .build-bench-data/)
set -euo pipefail
n="${1:-370000}"
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="$root/../shared/bench"
work="$root/.build-bench-data"
data="$work/data-$n"
mkdir -p "$work"
[ -f "$data/data.json" ] || python3 "$shared/gen.py" --n "$n" --out "$data" --formats datajson --workers 2 >/dev/null
(cd "$root" && swift build -c release --product fedcat-bench >/dev/null)
bin="$(cd "$root" && swift build -c release --show-bin-path)"
. "$root/bench/lib.sh"
file="$data/data.json"
echo "data.json read, $n datasets ($(date -u +%F), $(nproc) cores)" >&2
measure "$bin/fedcat-bench" datajson "$file" --parse-only
measure "$bin/fedcat-bench" datajson "$file"
measure python3 -c '
import json, sys, time
start = time.time()
with open(sys.argv[1], "rb") as f:
    document = json.load(f)
print(json.dumps({"tool": "python-json", "stage": "datajson-parse", "records": len(document["dataset"]),
                  "seconds": round(time.time() - start, 3)}))' "$file"
if command -v jq >/dev/null; then
    out=$( { /usr/bin/time -f '%e %M' jq '.dataset | length' "$file" 2>"$work/time.err"; } ) || true
    read -r elapsed rss < <(tail -1 "$work/time.err")
    echo "{\"tool\":\"jq\",\"stage\":\"datajson-parse\",\"records\":${out:-0},\"elapsed_s\":$elapsed,\"max_rss_kb\":$rss}"
fi
