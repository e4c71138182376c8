#!/usr/bin/env bash
# The test command (README, .ci/run): builds and runs every XCTest suite.
# Real-data tests read ../shared/data beside the repository; they skip with a message when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
export LANG=C.UTF-8 TZ=UTC
swift build --build-tests
swift test --skip-build --disable-swift-testing 2>&1 | tee .build/test-output.txt
# A plain closing line for CI: "N passed, N failed".
summary=$(grep -E "^[[:space:]]*Executed [0-9]+ tests?, with [0-9]+ failures?" .build/test-output.txt | tail -1)
total=$(echo "$summary" | sed -E 's/.*Executed ([0-9]+) tests?.*/\1/')
failed=$(echo "$summary" | sed -E 's/.*with ([0-9]+) failures?.*/\1/')
echo "tests: $((total - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
