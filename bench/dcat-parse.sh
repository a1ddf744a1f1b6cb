#!/usr/bin/env bash
# DCAT parse + map (+ normalise) of generated dumps: fedcat against rdflib (what ckanext-dcat uses), and the
# native parsers rapper (RDF/XML) and serdi (Turtle), on the same files of ../shared/bench/gen.py.
# rdflib parses and reads ckanext-dcat's fields without normalising anything: fedcat's like-for-like row is
# parse + cut + map (`--no-normalise`); the row with normalisation follows it.
#
#   bench/dcat-parse.sh [N]      (default 10000 datasets; work files in .build-bench-data/)
#
# rdflib is skipped above 20000 datasets (it needs 6-7 GB at 100k); set RDFLIB=1 to run it anyway.
set -euo pipefail
n="${1:-10000}"
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="$root/../shared/bench"
work="$root/.build-bench-data"
data="$work/data-$n"
mkdir -p "$work"
if [ ! -f "$data/dcat.rdf" ] || [ ! -f "$data/dcat.ttl" ] || [ ! -f "$data/dcat.jsonld" ]; then
    python3 "$shared/gen.py" --n "$n" --out "$data" --formats rdf,ttl,jsonld >/dev/null
fi
command -v rapper >/dev/null && command -v serdi >/dev/null || {
    sudo_=""; [ "$(id -u)" = 0 ] || sudo_=sudo
    $sudo_ apt-get install -y -qq raptor2-utils serdi >/dev/null 2>&1 || true; }
py=python3
if ! python3 -c "import rdflib" 2>/dev/null; then
    [ -x "$work/venv/bin/python" ] || python3 -m venv "$work/venv"
    "$work/venv/bin/python" -c "import rdflib" 2>/dev/null || "$work/venv/bin/pip" install -q rdflib==7.6.0
    py="$work/venv/bin/python"
fi
(cd "$root" && swift build -c release --product fedcat-bench >/dev/null)
bin="$(cd "$root" && swift build -c release --show-bin-path)/fedcat-bench"

# `measure` keeps GNU time's output in $work: a scratch folder of this run, so the data folder is only read.
scratch="$(mktemp -d "${TMPDIR:-/tmp}/dcat-parse.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
work="$scratch"
. "$root/bench/lib.sh"
echo "DCAT parse+map, $n datasets ($(date -u +%F), $(nproc) cores)"
for pair in "dcat.rdf xml" "dcat.ttl turtle" "dcat.jsonld json-ld"; do
    set -- $pair
    file="$data/$1"
    measure "$bin" dcat "$file" --no-normalise
    # The same on one thread: by default the file is parsed on a thread of its own beside streaming and mapping.
    measure "$bin" dcat "$file" --no-normalise --serial
    measure "$bin" dcat "$file"
    # rdflib is slow: the quick suite (QUICK=1) runs it on the Turtle file only.
    if [ "${QUICK:-0}" = 1 ] && [ "$1" != dcat.ttl ]; then continue; fi
    if [ "$n" -le 20000 ] || [ "${RDFLIB:-0}" = 1 ]; then measure "$py" "$shared/peer_rdflib.py" "$file" "$2"; fi
done
measure sh -c "rapper -q -c -i rdfxml '$data/dcat.rdf' 2>&1; echo '{\"tool\":\"rapper\",\"file\":\"dcat.rdf\",\"datasets\":$n}'"
measure sh -c "serdi -i turtle '$data/dcat.ttl' >/dev/null; echo '{\"tool\":\"serdi\",\"file\":\"dcat.ttl\",\"datasets\":$n}'"
