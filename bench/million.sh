#!/usr/bin/env bash
# The catalogue at scale: N generated CKAN datasets (default 1,000,000) harvested over loopback as PARTS sources
# of N/PARTS each (an aggregator's many portals; one merge transaction per source), then the search latency over
# the whole catalogue next to the Python peer's FTS5 index of the same records, and exports of the whole
# catalogue to Turtle and NDJSON. One JSON line per measurement (bench/lib.sh), for bench/table.py.
# Needs about 30 GB of disk at 1M; takes 40-60 minutes on 2 cores. Not part of `make bench`.
# REUSE=1 keeps the catalogue and the peer's index of an earlier run and measures search and export again;
# FEDCAT_BIN=DIR takes the binaries from DIR instead of building them.
#
#   bench/million.sh [N] [PARTS]     (work files in .build-bench-data/)
set -euo pipefail
n="${1:-1000000}"
parts="${2:-10}"
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${FEDCAT_SHARED:-$root/../shared}/bench"
work="$root/.build-bench-data"
data="$work/data-$n"
mkdir -p "$work"
[ -f "$data/ckan/page-00000.json" ] && [ -f "$data/queries.tsv" ] || python3 "$shared/gen.py" --n "$n" --out "$data" --formats ckan --workers "$(nproc)" >/dev/null
if [ -n "${FEDCAT_BIN:-}" ]; then
    bin="$FEDCAT_BIN"
else
    (cd "$root" && swift build -c release --product fedcat >/dev/null && swift build -c release --product fedcat-bench >/dev/null)
    bin="$(cd "$root" && swift build -c release --show-bin-path)"
fi
. "$root/bench/lib.sh"

db="$work/fedcat-million-$n.db"
if [ "${REUSE:-}" = "1" ] && [ -f "$db" ]; then
    echo "catalogue at scale: reusing $db ($(date -u +%F), $(nproc) cores)" >&2
else
rm -f "$db" "$db-wal" "$db-shm"
port="$work/port-million"
rm -f "$port"
python3 "$root/bench/ckan_pages_server.py" "$data/ckan" "$port" "$parts" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do [ -s "$port" ] && break; sleep 0.1; done
base="http://127.0.0.1:$(cat "$port")"
rootdir="$work/million-root"
mkdir -p "$rootdir/harvesters"
rm -f "$rootdir"/harvesters/*.yaml
echo "catalogue at scale: $n datasets as $parts sources ($(date -u +%F), $(nproc) cores)" >&2
summary='import json,sys; r=json.load(sys.stdin)[0]; print(json.dumps({"tool":"fedcat","stage":sys.argv[1],"records":r.get("seen"),"added":r.get("added"),"status":r.get("status"),"phases":r.get("phases")}))'
for k in $(seq 0 $((parts - 1))); do
    printf 'version: 1\nid: part%s\nkind: ckan\nurl: "%s/p%s"\noptions:\n  rows: "1000"\n  incremental: "false"\n' "$k" "$base" "$k" \
        > "$rootdir/harvesters/part$k.yaml"
    measure sh -c "'$bin/fedcat' harvest part$k --root '$rootdir' --db '$db' --json | python3 -c '$summary' ckan-harvest-part"
done
fi
echo "{\"tool\":\"fedcat\",\"stage\":\"database-size\",\"records\":$n,\"bytes\":$(stat -c %s "$db")}"
peer="$work/peer-million-$n.db"
if [ ! -f "$peer" ]; then
    measure sh -c "python3 '$shared/peer_ckan_fts.py' '$data/ckan' '$peer' >/dev/null && echo '{\"tool\":\"python-json-fts5\",\"stage\":\"ckan-harvest\",\"records\":$n}'"
fi
"$bin/fedcat-bench" search "$db" "$data/queries.tsv" --reps 5
python3 "$shared/query_bench.py" "$peer" "$data/queries.tsv" --reps 5 --label "peer-$n" | python3 -c '
import json, sys
r = json.loads(sys.stdin.read())
print(json.dumps({"tool": "python-fts5", "stage": "search-top20", "records": r["rows"], "p50_ms": r["top20"]["p50_ms"],
                  "p95_ms": r["top20"]["p95_ms"], "max_ms": r["top20"]["max_ms"]}))'
# A cold search per query: a new process opens the catalogue, runs one of the 100 queries and prints the first page.
python3 "$root/bench/cold_search.py" "$bin/fedcat" "$db" "$data/queries.tsv" "$n"
for format in ttl ndjson; do
    out="$work/export-million-$n.$format"
    measure sh -c "'$bin/fedcat' export --format $format --db '$db' -o '$out' --quiet && echo '{\"tool\":\"fedcat\",\"stage\":\"export-$format\",\"records\":'\$('$bin/fedcat' stats --db '$db' --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"clusters\"])')',\"bytes\":'\$(stat -c %s '$out')'}'"
    rm -f "$out"
done
