#!/usr/bin/env bash
# The whole benchmark suite in one invocation: every stage next to its peers on the same generated data, one table
# printed and written to docs/benchmarks.md (machine, date, commit, command).
#
#   bench/all.sh            N=100000 CKAN/search, DCAT_N="10000 100000" (rdflib beside fedcat at both sizes: about
#                           12 minutes and 7.3 GB for rdflib at 100,000), OAI_N=100000, CSW_N=20000, DATAJSON_N=370000
#                           (a 1 GB data.json); override by environment
#   bench/all.sh --quick    10,000 records everywhere (about two minutes, plus the first release build)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ "${1:-}" = "--quick" ]; then
    N=10000 DCAT_N=10000 OAI_N=10000 CSW_N=10000 EXPORT_N=10000 DATAJSON_N=10000
    export QUICK=1
    command="make bench-quick"
else
    N="${N:-100000}" DCAT_N="${DCAT_N:-10000 100000}" OAI_N="${OAI_N:-100000}" CSW_N="${CSW_N:-20000}" EXPORT_N="${EXPORT_N:-100000}"
    DATAJSON_N="${DATAJSON_N:-370000}"
    command="make bench N=$N DCAT_N=\"$DCAT_N\" OAI_N=$OAI_N CSW_N=$CSW_N EXPORT_N=$EXPORT_N DATAJSON_N=$DATAJSON_N"
fi
log="$root/.build-bench-data/bench.log"
mkdir -p "$root/.build-bench-data" "$root/docs"
(cd "$root" && swift build -c release --product fedcat >/dev/null && swift build -c release --product fedcat-bench >/dev/null)
{
    "$root/bench/ckan-harvest.sh" "$N"
    "$root/bench/search.sh" "$N"
    # The issue's sizes, rdflib beside fedcat at each (RDFLIB=1: dcat-parse.sh leaves rdflib out above 20,000 otherwise).
    for dcat_n in $DCAT_N; do RDFLIB=1 "$root/bench/dcat-parse.sh" "$dcat_n"; done
    "$root/bench/datajson-read.sh" "$DATAJSON_N"
    "$root/bench/xml-parse.sh" oai "$OAI_N"
    "$root/bench/xml-parse.sh" csw "$CSW_N"
    if [ -x "$root/bench/export.sh" ]; then "$root/bench/export.sh" "$EXPORT_N"; fi
} | tee "$log"
python3 "$root/bench/table.py" --command "$command" < "$log" > "$root/docs/benchmarks.md"
echo
cat "$root/docs/benchmarks.md"
