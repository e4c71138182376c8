#!/usr/bin/env bash
# The main job on the bundled sample: build prefer, create a project, import 200 real HH-RLHF pairs
# (keeping their original labels), show the status, then open the annotation screen when run in a terminal.
# usage: scripts/demo.sh [PROJECT_DIR=/tmp/prefer-demo]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-/tmp/prefer-demo}
swift build -c release --product prefer >/dev/null
prefer=$(swift build -c release --show-bin-path)/prefer
rm -rf "$dir"
"$prefer" init "$dir" --name hh-demo
cd "$dir"
"$prefer" import "$OLDPWD/samples/hh-rlhf/harmless-base-200.jsonl.gz" --keep-labels
"$prefer" annotators add lead --role lead
"$prefer" annotators add ann1
echo
"$prefer" status
if [ -t 0 ] && [ -t 1 ]; then
    echo
    echo "Opening the annotation screen as ann1 (press ? for keys, q to quit)..."
    sleep 1
    "$prefer" annotate --as ann1
    "$prefer" agreement
else
    cat <<EOT

Next, in $dir:
  $prefer annotate --as ann1            # judge items (needs a terminal; ? for keys, q to quit)
  $prefer agreement                     # agreement with the original HH-RLHF labels
  $prefer disputes                      # where you and the original labels disagree (then: prefer adjudicate)
  $prefer export --format trl --prompt-template hh --out out/train.jsonl
  $prefer verify out/train.jsonl
EOT
fi
