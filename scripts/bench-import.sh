#!/bin/sh
# Measures the import parser alone (no database): rows/s over generated ~690-byte pair rows.
# Builds a throwaway copy of the package with a tiny benchmark target, so the package itself stays unchanged.
# Usage: scripts/bench-import.sh [ROWS]   (default 300000; PREFETCH=0 to parse on the calling thread)
set -eu
ROWS=${1:-300000}
REPO=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/pkg"
(cd "$REPO" && tar --exclude=./.build --exclude='./.build-*' --exclude=./.git -cf - .) | (cd "$WORK/pkg" && tar -xf -)
mkdir -p "$WORK/pkg/Sources/ImportBench"
cat > "$WORK/pkg/Sources/ImportBench/main.swift" <<'SWIFT'
import Foundation
import PreferCore
let path = CommandLine.arguments[1]
let start = Date()
let reader = try ImportReader(path: path, options: ImportOptions(prefetch: ProcessInfo.processInfo.environment["PREFETCH"] != "0"))
var items = 0, errors = 0
while let row = try reader.next() { if case .success = row { items += 1 } else { errors += 1 } }
let seconds = Date().timeIntervalSince(start)
// CPU time of all threads: steadier than wall time on a shared machine.
let cpu = Double(clock()) / Double(CLOCKS_PER_SEC)
print("\(path): \(items) items, \(errors) errors, \(String(format: "%.2f", seconds)) s, \(Int(Double(items + errors) / seconds)) rows/s;"
      + " cpu \(String(format: "%.2f", cpu)) s, \(Int(Double(items + errors) / cpu)) rows per cpu-second")
SWIFT
sed -i 's|        .executableTarget(name: "prefer", dependencies: \[|        .executableTarget(name: "ImportBench", dependencies: ["PreferCore"]),\n&|' "$WORK/pkg/Package.swift"
python3 - "$WORK/pairs.jsonl" "$ROWS" <<'PY'
import json, random, sys
random.seed(1)
words = "the quick brown fox jumps over lazy dog model answer response prompt data value great small large".split()
text = lambda n: " ".join(random.choice(words) for _ in range(n))
with open(sys.argv[1], "w") as f:
    for i in range(int(sys.argv[2])):
        f.write(json.dumps({"id": f"r{i}", "prompt": text(20), "response_a": text(40), "response_b": text(40),
                            "model_a": "m1", "model_b": "m2", "winner": "A"}) + "\n")
PY
gzip -k -1 "$WORK/pairs.jsonl"
(cd "$WORK/pkg" && swift build -c release --product ImportBench >"$WORK/build.log" 2>&1) || { cat "$WORK/build.log"; exit 1; }
for f in "$WORK/pairs.jsonl" "$WORK/pairs.jsonl.gz"; do "$WORK/pkg/.build/release/ImportBench" "$f"; done
