#!/usr/bin/env bash
# OAI-PMH ListRecords (oai_dc) read + map of generated pages: fedcat against lxml (what Sickle and pyoai use),
# on the same pages of ../shared/bench/gen.py. fedcat is timed without and with normalisation (the peer does not
# normalise).
#
#   bench/oai-parse.sh [N]      (default 100000 records; work files in .build-bench-data/)
set -euo pipefail
n="${1:-100000}"
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${FEDCAT_BENCH_SHARED:-$root/../shared/bench}"
work="$root/.build-bench-data"
data="$work/data-oai-$n"
mkdir -p "$work"
[ -d "$data/oai" ] || python3 "$shared/gen.py" --n "$n" --out "$data" --formats oai >/dev/null
py=python3
if ! python3 -c "import lxml" 2>/dev/null; then
    [ -x "$work/venv/bin/python" ] || python3 -m venv "$work/venv"
    "$work/venv/bin/python" -c "import lxml" 2>/dev/null || "$work/venv/bin/pip" install -q lxml
    py="$work/venv/bin/python"
fi
(cd "$root" && swift build -c release --product fedcat-bench >/dev/null)
bin="$(cd "$root" && swift build -c release --show-bin-path)/fedcat-bench"

. "$root/bench/lib.sh"
echo "OAI-PMH oai_dc read+map, $n records ($(date -u +%F), $(nproc) cores)"
measure "$bin" oai "$data/oai" --parse-only
measure "$bin" oai "$data/oai" --no-normalise
measure "$bin" oai "$data/oai"
measure "$py" "$shared/peer_lxml.py" "$data/oai" oai
