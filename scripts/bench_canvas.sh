#!/bin/sh
# Release-mode timing of sanitising and laying out 1 MB of text (not a test: speed is reported,
# never asserted). Builds Canvas alone with swiftc -O into a temporary folder.
# Run: sh scripts/bench_canvas.sh
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d)
cd "$out"
swiftc -O -parse-as-library -module-name Canvas "$root"/Sources/Canvas/*.swift -emit-library -static -o libCanvas.a -emit-module
swiftc -O -I . "$root/scripts/bench_canvas_main.swift" -L . -lCanvas -o bench
./bench
rm -rf "$out"
