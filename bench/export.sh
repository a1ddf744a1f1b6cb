#!/usr/bin/env bash
# fedcat export: a catalogue of N generated datasets (../shared/bench/gen.py data.json, harvested once as a local
# datajson source) exported to Turtle and NDJSON with a release build, printing datasets/s and peak resident memory.
# Exports stream in batches of 1,000 datasets, so peak memory should not grow with N.
#
#   bench/export.sh [N]      (default 100000 datasets; work files in .build-bench-data/)
set -euo pipefail
n="${1:-100000}"
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="$root/../shared/bench"
work="$root/.build-bench-data"
data="$work/data-$n"
mkdir -p "$work"
[ -f "$data/data.json" ] || python3 "$shared/gen.py" --n "$n" --out "$data" --formats datajson >/dev/null
(cd "$root" && swift build -c release --product fedcat >/dev/null)
bin="$(cd "$root" && swift build -c release --show-bin-path)/fedcat"

db="$work/export-$n.db"
if [ ! -f "$db" ]; then
    mkdir -p "$work/export-root-$n/harvesters"
    printf 'version: 1\nid: bench\nkind: datajson\nurl: "file://%s"\noptions:\n  local: "true"\n' "$data/data.json" \
        > "$work/export-root-$n/harvesters/bench.yaml"
    echo "harvesting $n generated datasets into $db (once)…"
    "$bin" harvest bench --root "$work/export-root-$n" --db "$db" >/dev/null
fi
datasets=$("$bin" export --format ndjson --db "$db" --quiet | wc -l)
for format in ttl ndjson; do
    out="$work/export-$n.$format"
    /usr/bin/time -f '%e %M' -o "$work/time.out" "$bin" export --format "$format" --db "$db" -o "$out" --quiet
    read -r elapsed rss < "$work/time.out"
    rate=$(python3 -c "print(int($datasets / max($elapsed, 0.01)))")
    echo "export $format: $datasets datasets in ${elapsed} s, $rate datasets/s, ${rss} KB peak resident, $(du -h "$out" | cut -f1) written"
done
