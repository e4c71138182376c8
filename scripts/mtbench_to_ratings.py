#!/usr/bin/env python3
"""Convert the MT-Bench human judgments to long-format ratings for `prefer agreement --ratings`.

An item is (question_id, unordered model pair, turn): 588 question/model pairs were shown in both orders,
so votes are mapped to model identity, not to display position. The value is "A" when the alphabetically
first model of the pair won, "B" when the second won, "tie" otherwise (the same convention as prefer's
A = lower response id). One judge voted twice on one item (both display orders): the first vote is kept,
as `prefer agreement` rejects a second rating of one item by one annotator.

Usage (from the repository root):
    python3 scripts/mtbench_to_ratings.py [../shared/data/mtbench_human_judgments/human.jsonl] > mtbench.csv
    prefer agreement --ratings mtbench.csv --level nominal --consensus dawid-skene --format json
"""
import csv
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT = os.path.join(ROOT, "..", "shared", "data", "mtbench_human_judgments", "human.jsonl")


def convert(path, out):
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["item", "annotator", "value"])
    seen, skipped = set(), 0
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            v = json.loads(line)
            first, second = sorted([v["model_a"], v["model_b"]])
            item = f"q{v['question_id']}/t{v['turn']}/{first}|{second}"
            winner = {"model_a": v["model_a"], "model_b": v["model_b"]}.get(v["winner"])
            value = "tie" if winner is None else ("A" if winner == first else "B")
            if (item, v["judge"]) in seen:
                skipped += 1
                continue
            seen.add((item, v["judge"]))
            writer.writerow([item, v["judge"], value])
    print(f"{len(seen)} ratings written, {skipped} repeated votes skipped", file=sys.stderr)


if __name__ == "__main__":
    convert(sys.argv[1] if len(sys.argv) > 1 else DEFAULT, sys.stdout)
