#!/usr/bin/env bash
# make fuzz SECONDS=N: builds the fuzz targets of Fuzz/ with libFuzzer and AddressSanitizer, seeds each from the
# third-party corpus (copied into a temporary folder, never into the project; $FEDCAT_CORPUS, else
# ../shared/corpus; without it the targets start from a few own-written seeds) and runs each for N seconds.
# A crash leaves its input in .build/fuzz/<target>/ and makes the script exit 1.
# usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -uo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"; shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(JSONMapping Turtle RDFXML JSONLD CSW OAI Atom Query)
corpus="${FEDCAT_CORPUS:-../shared/corpus}"
# lld (in the Swift toolchain) rather than the default gold, which stops with an internal error on ASan objects.
FLAGS="-Xswiftc -sanitize=fuzzer,address -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld"

swift build --package-path Fuzz $FLAGS 2>&1 | grep -v "warning: Cannot export local symbol" | tail -n 3
bin="$(swift build --package-path Fuzz $FLAGS --show-bin-path)"
seeds="$(mktemp -d)"
trap 'rm -rf "$seeds"' EXIT

# Which corpus files seed which target: by extension and folder.
seed() { # TARGET FIND-ARGS...
    local target="$1"; shift
    mkdir -p "$seeds/$target"
    if [ -d "$corpus" ]; then
        find "$corpus" -type f -size -2M "$@" -exec cp {} "$seeds/$target/" \; 2>/dev/null
    fi
}
seed JSONMapping \( -name '*.json' -o -name '*.jsonld' \)
seed Turtle \( -name '*.ttl' -o -name '*.nt' \)
seed RDFXML -name '*.rdf'
seed JSONLD -name '*.jsonld'
seed CSW \( -path '*/csw/*' -o -name 'ckanext-spatial_*' -o -name 'geodatagov_iso*' \)
seed OAI \( -path '*/oaipmh/*' -o -name 'datacite_*.xml' -o -name 'pyoai_*' -o -name 'sickle_*' \)
seed Atom \( -path '*/atom_rss/*' -o -name 'feedparser_*' \)
mkdir -p "$seeds/Query"
printf '%s\n' 'air quality' 'title:"bus stops" -draft' '(a OR b) format:csv' 'bbox:5,45,10,48 modified:2020..2022' \
    'publisher:lakeside issued:>=2023' 'pre* NOT x' | while IFS= read -r line; do
    printf '%s' "$line" > "$seeds/Query/$(printf '%s' "$line" | cksum | cut -d' ' -f1)"
done
[ -d "$corpus" ] || echo "fuzz: no corpus at $corpus: the targets start from empty seed folders"

status=0
export SWIFT_BACKTRACE=enable=no   # a crash report from libFuzzer and ASan, not a slow Swift backtrace
for target in "${targets[@]}"; do
    out=".build/fuzz/$target"
    mkdir -p "$out" "$seeds/$target"
    echo "fuzz: $target for $seconds s ($(ls "$seeds/$target" | wc -l) seeds)"
    if ! "$bin/Fuzz$target" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=3072 -max_len=65536 \
            -artifact_prefix="$out/" -print_final_stats=1 "$seeds/$target" > "$out/log.txt" 2>&1; then
        echo "fuzz: $target FOUND A CRASH: $(grep -m1 -E 'ERROR|Fatal error|SUMMARY' "$out/log.txt")"
        ls "$out"/crash-* "$out"/timeout-* "$out"/oom-* 2>/dev/null | sed 's/^/    /'
        status=1
    else
        echo "fuzz: $target ok: $(grep -E '^stat::number_of_executed_units' "$out/log.txt" | awk '{print $2}') runs"
    fi
done
exit $status
