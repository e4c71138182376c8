#!/usr/bin/env bash
# SQLite alone (C, no parsing) writing the rows `prefer import` writes: a floor for the import benchmark.
# usage: scripts/bench_sqlite_floor.sh [N=1000000]   (needs gcc and libsqlite3-dev)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
out=bench-out
mkdir -p "$out"
gcc -O2 -o "$out/sqlite_floor" scripts/sqlite_floor.c -lsqlite3
rm -f "$out/floor.sqlite"*
/usr/bin/time -f "%e s wall  %U s user  %S s sys  peak RSS %M KB" "$out/sqlite_floor" "$out/floor.sqlite" "$N"
rm -f "$out/floor.sqlite"*
