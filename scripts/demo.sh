#!/usr/bin/env bash
# The demo: serve the bundled sample portals over loopback HTTP (CKAN Action API, and a DCAT-AP Turtle
# catalogue that republishes some of Lakeside's datasets), register them,
# harvest them with fedcat, search, show a record, then harvest again to show change detection.
set -euo pipefail

bin="${1:?usage: demo.sh BIN_DIR}"
demo="${DEMO_DIR:-.demo}"
root="$(cd "$(dirname "$0")/.." && pwd)"
rm -rf "$demo"
mkdir -p "$demo"
export FEDCAT_DB="$demo/fedcat.db"

"$bin/sample-portal" --samples "$root/samples/ckan" --files "$root/samples/dcat" --port 0 --port-file "$demo/port" 2>"$demo/sample-portal.log" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do [ -s "$demo/port" ] && break; sleep 0.1; done
[ -s "$demo/port" ] || { echo "demo: the sample portal did not start:" >&2; cat "$demo/sample-portal.log" >&2; exit 1; }
port=$(cat "$demo/port")
base="http://127.0.0.1:$port"

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@"; }
fedcat() { "$bin/fedcat" "$@" --root "$demo"; }

echo "Sample portals served at $base (lakeside, norland, riverbasin; a DCAT-AP catalogue at /files/regional.ttl)"
step fedcat source add "$base/lakeside" --kind ckan --id lakeside --title "Lakeside City Open Data" --option date_order=dmy
step fedcat source add "$base/norland" --id norland --title "Norland National Data Portal"
step fedcat source add "$base/riverbasin/api/3/action" --kind ckan --id riverbasin --title "River Basin Environment Agency"
step fedcat source add "$base/files/regional.ttl" --kind dcat --id regional --title "Regional Open Data Hub (DCAT-AP, Turtle)"
step fedcat harvest --all   # riverbasin holds three deliberately malformed packages: they become issues, not failures
step fedcat source list
step fedcat search "air quality" --limit 5
step fedcat search "riviere" --limit 3        # accents do not matter: finds "Rivière"
step fedcat search "water quality -groundwater" --limit 5
step fedcat search '"bus stops" OR timetable' --limit 5
step fedcat search 'water modified:>=2023 -source:norland' --facets publisher,format,year --limit 3   # fields, and counts by field
step fedcat show lakeside/road-works-and-closures   # also published on norland: one dataset, two sources
step fedcat show lakeside/air-quality-measurements-2022 --explain
step fedcat search "bike-sharing" --limit 3     # on Lakeside's CKAN and in the regional DCAT catalogue: one hit, two sources
step fedcat show regional/hub-lak-ds-5442         # the DCAT record: title in English and German, "also published at" Lakeside
step fedcat harvest lakeside                  # unchanged pages are recognised and not parsed again
step fedcat runs
step fedcat stats
step fedcat report                            # metadata quality per source (MQA weights), with the change since the last run
step fedcat report lakeside --worst 3         # what Lakeside's publisher could fix first
step fedcat report --html "$demo/quality.html"
echo
echo "The catalogue is in $FEDCAT_DB; try: $bin/fedcat search WORDS --db $FEDCAT_DB"
