#!/usr/bin/env python3
"""Generate N synthetic comparison pairs (about 600 bytes each, seeded) as JSONL for import benchmarks.

usage: gen_pairs.py OUT.jsonl [N=1000000] [SEED=1]
"""
import json
import random
import sys

WORDS = ("the model answer question user helpful response data time people system way example "
         "because however should would could might really quite very simple clear detailed short long "
         "explain reason result first second third finally also then when where which while about").split()


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    models = ["model-%d" % i for i in range(8)]
    with open(out, "w", encoding="utf-8") as f:
        for i in range(n):
            a, b = rng.sample(models, 2)
            row = {
                "id": "pair-%d" % i,
                "prompt": sentence(rng, 18),
                "response_a": sentence(rng, 38),
                "response_b": sentence(rng, 38),
                "model_a": a,
                "model_b": b,
            }
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
