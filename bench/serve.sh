#!/usr/bin/env bash
# fedcat serve under load: requests per second and latency of /search and the CKAN package_search at the sample
# size (the three bundled sample portals, 369 records), measured with wrk over loopback (2 threads, 16 connections,
# 10 s per route; the release build). wrk comes from Debian (apt-get install wrk).
#
#   bench/serve.sh [SECONDS]      (work files in .build-bench-data/serve)
set -euo pipefail
seconds="${1:-10}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$root/.build-bench-data/serve"
command -v wrk >/dev/null || { echo "bench/serve.sh: wrk is missing (apt-get install wrk)" >&2; exit 69; }
mkdir -p "$work/root"
(cd "$root" && swift build -c release --product fedcat >/dev/null && swift build -c release --product sample-portal >/dev/null)
bin="$(cd "$root" && swift build -c release --show-bin-path)"

# The catalogue: the sample portals harvested over loopback.
rm -f "$work/port" "$work/fedcat.db"* "$work/root/harvesters/"*.yaml
"$bin/sample-portal" --samples "$root/samples/ckan" --port-file "$work/port" &
portal=$!
server=""
trap 'kill $portal ${server:-} 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do [ -s "$work/port" ] && break; sleep 0.1; done
for id in lakeside norland riverbasin; do
    "$bin/fedcat" source add "http://127.0.0.1:$(cat "$work/port")/$id" --kind ckan --id "$id" --root "$work/root" --db "$work/fedcat.db" >/dev/null
done
"$bin/fedcat" harvest --all --quiet --root "$work/root" --db "$work/fedcat.db" >/dev/null

# The server, on a free port; its first line says where.
"$bin/fedcat" serve --db "$work/fedcat.db" --port 0 --quiet > "$work/serve.out" &
server=$!
for _ in $(seq 1 100); do grep -q 'http://' "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
url="$(grep -o 'http://[0-9.:]*/' "$work/serve.out")"
echo "fedcat serve at $url ($("$bin/fedcat" stats --db "$work/fedcat.db" --json | tr -d ' \n' | grep -o '"records":[0-9]*' | head -1))"
for path in "search?q=water" "search?q=air+quality&facets=publisher,format" \
            "api/3/action/package_search?q=water&rows=10" "api/3/action/package_search?rows=10&facet.field=%5B%22organization%22,%22tags%22%5D" \
            "api/3/action/package_show?id=lakeside--air-quality-measurements-2022" "?q=water"; do
    echo "GET /$path"
    wrk -t2 -c16 -d"${seconds}s" --latency "$url$path" | grep -E 'Requests/sec|Latency  |50%|99%|Non-2xx'
done
