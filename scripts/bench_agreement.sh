#!/usr/bin/env bash
# Agreement benchmark (not a test): 1,000,000 ratings (100,000 items, 30 annotators, 10 ratings each, seeded),
# whole-process time and peak RSS of `prefer agreement --ratings` (release build), alone and with
# --consensus dawid-skene, beside pandas + krippendorff and pandas + crowd-kit DawidSkene (whole process).
# usage: scripts/bench_agreement.sh   (venvs: AGVENV=/tmp/agvenv with pandas/krippendorff, CCVENV=/tmp/ccvenv with crowd-kit)
set -euo pipefail
cd "$(dirname "$0")/.."
AGVENV=${AGVENV:-/tmp/agvenv}
CCVENV=${CCVENV:-/tmp/ccvenv}
out=bench-out
mkdir -p "$out"
swift build -c release --product prefer >/dev/null
bin=$(swift build -c release --show-bin-path)/prefer
data="$out/ratings-1m.csv"
[ -f "$data" ] || python3 scripts/bench_agreement.py generate "$data" 100000 30 10 1
echo "file: $data ($(du -h "$data" | cut -f1), $(( $(wc -l < "$data") - 1 )) ratings)"

measure() { # label, command... : best of 3 wall times, peak RSS of that run
    local label=$1; shift
    local best="" rss=""
    for _ in 1 2 3; do
        /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" >"$out/stdout.txt"
        read -r secs kb < "$out/time.txt"
        if [ -z "$best" ] || (( $(echo "$secs < $best" | bc -l) )); then best=$secs; rss=$kb; fi
    done
    printf "%-44s %6.2f s  peak RSS %5d MB\n" "$label" "$best" "$(( rss / 1024 ))"
    grep -E "^(krippendorff|crowd-kit)" "$out/stdout.txt" | sed 's/^/    /' || true
}

measure "prefer agreement --level nominal" "$bin" agreement --ratings "$data" --level nominal
measure "prefer agreement ... --consensus dawid-skene" "$bin" agreement --ratings "$data" --level nominal --consensus dawid-skene
measure "prefer ... dawid-skene --format json" "$bin" agreement --ratings "$data" --level nominal --consensus dawid-skene --format json
measure "pandas + krippendorff.alpha (nominal)" "$AGVENV/bin/python" scripts/bench_agreement.py krippendorff "$data"
measure "pandas + crowd-kit DawidSkene" "$CCVENV/bin/python" scripts/bench_agreement.py dawid-skene "$data"
"$bin" agreement --ratings "$data" --level nominal --format json | grep -E '"krippendorff_alpha"' | sed 's/^ */prefer: /'
