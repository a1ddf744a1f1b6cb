#!/usr/bin/env bash
# XML harvester pages read + map: OAI-PMH ListRecords (oai_dc) or CSW GetRecords (ISO 19139) pages of
# ../shared/bench/gen.py, fedcat against lxml (what Sickle, pyoai and OWSLib use) on the same pages. fedcat is timed
# without and with normalisation (the peer does not normalise).
#
#   bench/xml-parse.sh oai|csw [N]      (default 100000 records; work files in .build-bench-data/)
set -euo pipefail
kind="${1:?usage: bench/xml-parse.sh oai|csw [N]}"
case "$kind" in oai|csw) ;; *) echo "bench/xml-parse.sh: the kind is oai or csw, not '$kind'" >&2; exit 64 ;; esac
n="${2:-100000}"
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${FEDCAT_BENCH_SHARED:-$root/../shared/bench}"
work="$root/.build-bench-data"
data="$work/data-$kind-$n"
mkdir -p "$work"
[ -d "$data/$kind" ] || python3 "$shared/gen.py" --n "$n" --out "$data" --formats "$kind" >/dev/null
py=python3
if ! python3 -c "import lxml" 2>/dev/null; then
    [ -x "$work/venv/bin/python" ] || python3 -m venv "$work/venv"
    "$work/venv/bin/python" -c "import lxml" 2>/dev/null || "$work/venv/bin/pip" install -q lxml
    py="$work/venv/bin/python"
fi
(cd "$root" && swift build -c release --product fedcat-bench >/dev/null)
bin="$(cd "$root" && swift build -c release --show-bin-path)/fedcat-bench"

. "$root/bench/lib.sh"
echo "$kind pages read+map, $n records ($(date -u +%F), $(nproc) cores)"
measure "$bin" "$kind" "$data/$kind" --parse-only
measure "$bin" "$kind" "$data/$kind" --no-normalise
measure "$bin" "$kind" "$data/$kind"
measure "$py" "$shared/peer_lxml.py" "$data/$kind" "$kind"
