#!/usr/bin/env bash
# CKAN harvest end to end (loopback HTTP -> parse -> map -> normalise -> SQLite + FTS5), fedcat against
# the Python peer of ../shared/bench (json -> map -> merge -> sqlite3 FTS5, files, no HTTP), same data.
# The static page server cannot answer fq or fl, so the source is harvested in full mode (incremental: false).
#
#   bench/ckan-harvest.sh [N]      (default 20000 datasets; work files in .build-bench-data/)
set -euo pipefail
n="${1:-20000}"
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="$root/../shared/bench"
work="$root/.build-bench-data"
data="$work/data-$n"
mkdir -p "$work"
[ -f "$data/manifest.json" ] || python3 "$shared/gen.py" --n "$n" --out "$data" --formats ckan >/dev/null
(cd "$root" && swift build -c release --product fedcat >/dev/null)
bin="$(cd "$root" && swift build -c release --show-bin-path)/fedcat"

rm -f "$work/port"
python3 "$root/bench/ckan_pages_server.py" "$data/ckan" "$work/port" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do [ -s "$work/port" ] && break; sleep 0.1; done
mkdir -p "$work/root/harvesters"
printf 'version: 1\nid: bench\nkind: ckan\nurl: "http://127.0.0.1:%s"\noptions:\n  rows: "1000"\n  incremental: "false"\n' "$(cat "$work/port")" \
    > "$work/root/harvesters/bench.yaml"
rm -f "$work/fedcat.db"*
measure() { /usr/bin/time -f '  %e s elapsed, %M KB peak resident' "$@"; }
echo "fedcat, first harvest of $n datasets:"
measure "$bin" harvest bench --root "$work/root" --db "$work/fedcat.db"
echo "fedcat, second harvest (nothing changed):"
measure "$bin" harvest bench --root "$work/root" --db "$work/fedcat.db"
echo "database: $(du -h "$work/fedcat.db" | cut -f1)"
echo "Python peer (peer_ckan_fts.py, from files):"
rm -f "$work/peer.db"*
measure python3 "$shared/peer_ckan_fts.py" "$data/ckan" "$work/peer.db"
