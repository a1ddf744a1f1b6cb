#!/usr/bin/env bash
# Search latency: the 100 queries of ../shared/bench's queries.tsv through fedcat's SearchEngine (ranked first page of
# 20 with the total, one hit per dataset) next to the same queries on the Python peer's sqlite3 FTS5 index
# (query_bench.py: bm25 top 20), both over the catalogue bench/ckan-harvest.sh built for N datasets.
#
#   bench/search.sh [N]      (default 20000; runs bench/ckan-harvest.sh N first when its databases are missing)
set -euo pipefail
n="${1:-20000}"
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="$root/../shared/bench"
work="$root/.build-bench-data"
data="$work/data-$n"
db="$work/fedcat-$n.db"
peer="$work/peer-$n.db"
[ -f "$db" ] && [ -f "$peer" ] || "$root/bench/ckan-harvest.sh" "$n" >/dev/null
(cd "$root" && swift build -c release --product fedcat-bench >/dev/null && swift build -c release --product fedcat >/dev/null)
bin="$(cd "$root" && swift build -c release --show-bin-path)/fedcat-bench"
echo "search, $n datasets: 100 queries, ranked top 20 ($(date -u +%F), $(nproc) cores)" >&2
"$bin" search "$db" "$data/queries.tsv" --reps 5
python3 "$shared/query_bench.py" "$peer" "$data/queries.tsv" --reps 5 --label "peer-$n" | python3 -c '
import json, sys
r = json.loads(sys.stdin.read())
print(json.dumps({"tool": "python-fts5", "stage": "search-top20", "records": r["rows"], "p50_ms": r["top20"]["p50_ms"],
                  "p95_ms": r["top20"]["p95_ms"], "max_ms": r["top20"]["max_ms"]}))'
# A cold search per query: a new process opens the catalogue, runs one of the queries and prints the first page.
python3 "$root/bench/cold_search.py" "$(dirname "$bin")/fedcat" "$db" "$data/queries.tsv" "$n"
