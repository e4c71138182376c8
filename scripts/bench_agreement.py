#!/usr/bin/env python3
"""Python side of scripts/bench_agreement.sh (not a test).

  generate OUT [ITEMS=100000] [ANNOTATORS=30] [PER_ITEM=10] [SEED=1]
      Seeded long-format ratings CSV (item,annotator,value): each item has a true label in {A, B, tie};
      PER_ITEM distinct annotators rate it, each right with their own probability (0.55 ... 0.95).
  krippendorff CSV     pandas read + pivot to an annotator x item matrix + krippendorff.alpha (nominal).
  dawid-skene CSV      pandas read + crowd-kit DawidSkene(n_iter=100, tol=1e-5).fit (the fit timed separately).
"""
import random
import sys
import time


def generate(out, items=100_000, annotators=30, per_item=10, seed=1):
    rng = random.Random(seed)
    skill = [rng.uniform(0.55, 0.95) for _ in range(annotators)]
    labels = ["A", "B", "tie"]
    with open(out, "w", encoding="utf-8") as f:
        f.write("item,annotator,value\n")
        for i in range(items):
            truth = rng.choice(labels)
            for a in rng.sample(range(annotators), per_item):
                value = truth if rng.random() < skill[a] else rng.choice(labels)
                f.write(f"i{i},a{a},{value}\n")


def krippendorff_alpha(path):
    import krippendorff
    import numpy as np
    import pandas as pd
    df = pd.read_csv(path, dtype=str)
    codes = {"A": 0.0, "B": 1.0, "tie": 2.0}
    df["code"] = df["value"].map(codes)
    matrix = df.pivot(index="annotator", columns="item", values="code").to_numpy(dtype=float)
    alpha = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal", value_domain=np.array([0.0, 1.0, 2.0]))
    print(f"krippendorff alpha {alpha:.6f}")


def dawid_skene(path):
    import pandas as pd
    from crowdkit.aggregation import DawidSkene
    df = pd.read_csv(path, dtype=str).rename(columns={"item": "task", "annotator": "worker", "value": "label"})
    t0 = time.perf_counter()
    ds = DawidSkene(n_iter=100, tol=1e-5).fit(df)
    fit = time.perf_counter() - t0
    print(f"crowd-kit DawidSkene fit {fit:.2f} s, {len(ds.loss_history_)} iterations, "
          f"labels {ds.labels_.value_counts().to_dict()}")


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "generate":
        generate(args[0], *[int(x) for x in args[1:]])
    elif command == "krippendorff":
        krippendorff_alpha(args[0])
    elif command == "dawid-skene":
        dawid_skene(args[0])
    else:
        sys.exit(f"unknown command {command}")
