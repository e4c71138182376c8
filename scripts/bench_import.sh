#!/usr/bin/env bash
# Import benchmark (not a test): N synthetic pairs, `prefer import` (release build) vs a plain Python baseline.
# usage: scripts/bench_import.sh [N=1000000]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
. scripts/bench_common.sh
data="$out/pairs-$N.jsonl"
[ -f "$data" ] || python3 scripts/gen_pairs.py "$data" "$N" 1
echo "file: $data ($(du -h "$data" | cut -f1), $N pairs)"

rm -rf "$out/proj" "$out/baseline.sqlite"*
"$bin" init "$out/proj" >/dev/null
measure "prefer import" "$bin" import "$data" --project "$out/proj"
measure "python json+sqlite3" python3 scripts/baseline_import.py "$data" "$out/baseline.sqlite"
