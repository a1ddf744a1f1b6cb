# Shared by the bench scripts: `measure CMD…` prints the command's last JSON line with the elapsed time and
# peak resident memory appended (GNU time). Needs $work (a scratch folder).
measure() {
    local out
    out=$( { /usr/bin/time -f '%e %M' "$@" 2>"$work/time.err" | tail -1; } ) || true
    read -r elapsed rss < <(tail -1 "$work/time.err")
    echo "${out%\}},\"elapsed_s\":$elapsed,\"max_rss_kb\":$rss}"
}
