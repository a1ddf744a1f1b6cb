#!/usr/bin/env bash
# fedcat export: a catalogue of N generated datasets (../shared/bench/gen.py data.json, harvested once as a local
# datajson source) exported to Turtle and NDJSON with a release build, printing datasets/s and peak resident memory.
# Exports stream in batches of 1,000 datasets, so peak memory should not grow with N. The data.json of 100,000
# datasets is 270 MB, so the bench source lifts the 256 MB response limits.
#
#   bench/export.sh [N]      (default 100000 datasets; work files in .build-bench-data/)
set -euo pipefail
n="${1:-100000}"
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${FEDCAT_SHARED:-$root/../shared}/bench"   # FEDCAT_SHARED: the shared folder when not beside the project
work="$root/.build-bench-data"
data="$work/data-$n"
mkdir -p "$work"
[ -f "$data/data.json" ] || python3 "$shared/gen.py" --n "$n" --out "$data" --formats datajson >/dev/null
(cd "$root" && swift build -c release --product fedcat >/dev/null)
bin="$(cd "$root" && swift build -c release --show-bin-path)/fedcat"

db="$work/export-$n.db"
if [ ! -f "$db" ]; then
    mkdir -p "$work/export-root-$n/harvesters"
    printf 'version: 1\nid: bench\nkind: datajson\nurl: "file://%s"\noptions:\n  local: "true"\n  max_body_mb: "4096"\n  max_compressed_mb: "4096"\n' "$data/data.json" \
        > "$work/export-root-$n/harvesters/bench.yaml"
    echo "harvesting $n generated datasets into $db (once)…" >&2
    "$bin" harvest bench --root "$work/export-root-$n" --db "$db" >/dev/null || { rm -f "$db"*; exit 1; }
fi
datasets=$("$bin" export --format ndjson --db "$db" --quiet | wc -l)
. "$root/bench/lib.sh"
echo "export, $datasets datasets ($(date -u +%F), $(nproc) cores)" >&2
for format in ttl ndjson; do
    out="$work/export-$n.$format"
    measure sh -c "'$bin' export --format $format --db '$db' -o '$out' --quiet && echo '{\"tool\":\"fedcat\",\"stage\":\"export-$format\",\"records\":$datasets,\"bytes\":'\$(stat -c %s '$out')'}'"
done
