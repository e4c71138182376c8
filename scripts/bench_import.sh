#!/usr/bin/env bash
# Import benchmark (not a test): N synthetic pairs, `prefer import` (release build) vs a plain Python baseline.
# usage: scripts/bench_import.sh [N=1000000]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
out=bench-out
mkdir -p "$out"
swift build -c release --product prefer >/dev/null
bin=$(swift build -c release --show-bin-path)/prefer
data="$out/pairs-$N.jsonl"
[ -f "$data" ] || python3 scripts/gen_pairs.py "$data" "$N" 1
echo "file: $data ($(du -h "$data" | cut -f1), $N pairs)"

measure() { # label, command...
    local label=$1; shift
    local secs user sys rss
    # user + sys too: other jobs on a shared machine inflate wall time, not CPU time.
    /usr/bin/time -f "%e %U %S %M" -o "$out/rss.txt" "$@" >/dev/null
    read -r secs user sys rss < "$out/rss.txt"
    rss=$(( rss / 1024 ))
    printf "%-22s %6.2f s wall  %6.2f s user  %5.2f s sys  %9.0f pairs/s  peak RSS %4d MB\n" \
        "$label" "$secs" "$user" "$sys" "$(echo "$N / $secs" | bc -l)" "$rss"
}

rm -rf "$out/proj" "$out/baseline.sqlite"*
"$bin" init "$out/proj" >/dev/null
measure "prefer import" "$bin" import "$data" --project "$out/proj"
measure "python json+sqlite3" python3 scripts/baseline_import.py "$data" "$out/baseline.sqlite"
