#!/usr/bin/env bash
# Export benchmark (not a test): `prefer export --format trl` (release build) on N judged pairs vs a plain
# Python baseline (sqlite3 + json.dumps) writing the same rows. Prints time and peak RSS; checks the bytes match.
# usage: scripts/bench_export.sh [N=1000000] [ORDER=item|queue]  (queue: judgments stored shuffled, as annotation
# in queue order stores them; see scripts/gen_export_db.py)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
ORDER=${2:-item}
. scripts/bench_common.sh
proj="$out/export-$N"
[ "$ORDER" = item ] || proj="$out/export-$N-$ORDER"
if [ ! -f "$proj/prefer.sqlite" ]; then
    rm -rf "$proj"
    "$bin" init "$proj" >/dev/null
    t0=$(date +%s.%N)
    python3 scripts/gen_export_db.py "$proj/prefer.sqlite" "$N" 1 "$ORDER"
    printf "generated %d judged pairs in %.1f s (%s)\n" "$N" "$(echo "$(date +%s.%N) - $t0" | bc -l)" "$(du -h "$proj/prefer.sqlite" | cut -f1)"
fi

measure "prefer export trl" "$bin" export --format trl --out "$out/prefer-$N.jsonl" --project "$proj"
measure "python sqlite3+json" python3 scripts/baseline_export.py "$proj/prefer.sqlite" "$out/python-$N.jsonl"
measure "prefer verify" "$bin" verify "$out/prefer-$N.jsonl" --project "$proj"
if cmp -s "$out/prefer-$N.jsonl" "$out/python-$N.jsonl"; then echo "outputs identical ($(du -h "$out/prefer-$N.jsonl" | cut -f1))"
else echo "outputs DIFFER"; fi
