#!/usr/bin/env bash
# CKAN harvest end to end (loopback HTTP -> parse -> map -> normalise -> merge -> SQLite + FTS5), fedcat against
# the Python peer of ../shared/bench (json -> map -> merge -> sqlite3 FTS5, files, no HTTP), same data; plus the
# fetch stage alone (the same pages over loopback, bodies discarded) and the index stage alone (an FTS5 rebuild of
# the harvested catalogue). One JSON line per measurement (bench/lib.sh).
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
[ -f "$data/ckan/page-00000.json" ] && [ -f "$data/queries.tsv" ] || python3 "$shared/gen.py" --n "$n" --out "$data" --formats ckan >/dev/null
(cd "$root" && swift build -c release --product fedcat >/dev/null && swift build -c release --product fedcat-bench >/dev/null)
bin="$(cd "$root" && swift build -c release --show-bin-path)"
. "$root/bench/lib.sh"

rm -f "$work/port"
python3 "$root/bench/ckan_pages_server.py" "$data/ckan" "$work/port" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do [ -s "$work/port" ] && break; sleep 0.1; done
base="http://127.0.0.1:$(cat "$work/port")"
pages=$(ls "$data/ckan" | grep -c '^page-')
mkdir -p "$work/root/harvesters"
printf 'version: 1\nid: bench\nkind: ckan\nurl: "%s"\noptions:\n  rows: "1000"\n  incremental: "false"\n' "$base" \
    > "$work/root/harvesters/bench.yaml"
db="$work/fedcat-$n.db"
rm -f "$db" "$db-wal" "$db-shm"
echo "CKAN harvest, $n datasets ($(date -u +%F), $(nproc) cores)" >&2
measure "$bin/fedcat-bench" fetch "$base" "$pages" 1000
# Parse + map on one core, from the page files (no HTTP, no database): the envelope parsed and each package written
# back as its stored payload, then mapped; then also normalised; then also encoded as the writer stores it.
for mode in --no-normalise "" --encode; do measure "$bin/fedcat-bench" ckan "$data/ckan" $mode; done
# The harvest's run report (fedcat harvest --json) reduced to one line: what was harvested, with the stage name.
summary='import json,sys; r=json.load(sys.stdin)[0]; print(json.dumps({"tool":"fedcat","stage":sys.argv[1],"records":r.get("seen"),"added":r.get("added"),"status":r.get("status")}))'
for stage in ckan-harvest ckan-harvest-unchanged; do
    measure sh -c "'$bin/fedcat' harvest bench --root '$work/root' --db '$db' --json | python3 -c '$summary' $stage"
done
measure sh -c "sqlite3 '$db' \"INSERT INTO records_fts(records_fts) VALUES('rebuild')\" && echo '{\"tool\":\"fedcat\",\"stage\":\"index\",\"records\":$n}'"
echo "{\"tool\":\"fedcat\",\"stage\":\"database-size\",\"records\":$n,\"bytes\":$(stat -c %s "$db")}"
peer="$work/peer-$n.db"
rm -f "$peer"*
measure sh -c "python3 '$shared/peer_ckan_fts.py' '$data/ckan' '$peer' >/dev/null && echo '{\"tool\":\"python-json-fts5\",\"stage\":\"ckan-harvest\",\"records\":$n}'"
