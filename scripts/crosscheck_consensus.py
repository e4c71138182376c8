#!/usr/bin/env python3
"""Independent test vectors for PreferCore's consensus code (Stats/Consensus).

Writes Tests/PreferCoreTests/Fixtures/consensus_vectors.json with seeded random inputs and the outputs of
  * crowd-kit 1.4.2 `DawidSkene(n_iter=100, tol=1e-5)`  (posteriors, labels, priors, iterations, bound,
    per-annotator accuracy sum_c prior_c * errors_[w, c, c]),
  * choix `mm_pairwise` (Bradley-Terry log-strengths centred to mean 0; ilsr_pairwise is checked to agree),
  * scipy `stats.binomtest(k, n, 0.5).pvalue`,
plus crowd-kit / choix summaries on the MT-Bench human judgments (../shared/data) when present.
The Swift test ConsensusCrossCheckTests reads the file and compares to 1e-6, so CI needs no Python.

Regenerate (from the repository root):
    python3 -m venv /tmp/ccvenv && /tmp/ccvenv/bin/pip install crowd-kit==1.4.2 choix scipy
    /tmp/ccvenv/bin/python scripts/crosscheck_consensus.py
"""
import json
import os
import random
import sys

import choix
import numpy as np
import pandas as pd
from crowdkit.aggregation import DawidSkene
from scipy import stats

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "PreferCoreTests", "Fixtures", "consensus_vectors.json")
MTBENCH = os.path.join(ROOT, "..", "shared", "data", "mtbench_human_judgments", "human.jsonl")


def r(x):
    return float(f"{x:.12g}")


def dawid_skene_case(rng, n_items, n_annotators, k, max_raters, unused_category=False, empty_item=False):
    """Random annotators with a per-annotator accuracy; each item gets 1..max_raters labels."""
    skill = [rng.uniform(0.35, 0.95) for _ in range(n_annotators)]
    cats = list(range(k - 1)) if unused_category else list(range(k))
    labels = []
    for item in range(n_items):
        if empty_item and item == n_items - 1:
            continue
        truth = rng.choice(cats)
        for a in rng.sample(range(n_annotators), rng.randint(1, max_raters)):
            label = truth if rng.random() < skill[a] else rng.choice(cats)
            labels.append([item, a, label])
    df = pd.DataFrame(labels, columns=["task", "worker", "label"])
    ds = DawidSkene(n_iter=100, tol=1e-5).fit(df)
    return {
        "n_items": n_items, "n_annotators": n_annotators, "n_categories": k, "labels": labels,
        "expected": dawid_skene_expected(ds, n_items, n_annotators, k),
    }


def dawid_skene_expected(ds, n_items, n_annotators, k):
    posterior, label = [], []
    for item in range(n_items):
        if item not in ds.probas_.index:
            posterior.append(None)
            label.append(None)
            continue
        row = ds.probas_.loc[item]
        posterior.append([r(row[c]) if c in row.index else 0.0 for c in range(k)])
        top = sorted(row.values, reverse=True)
        # Exact ties are resolved by column order; only compare labels with a clear winner.
        label.append(int(ds.labels_.loc[item]) if len(top) < 2 or top[0] - top[1] > 1e-9 else None)
    accuracy = []
    for w in range(n_annotators):
        if w not in ds.errors_.index.get_level_values("worker"):
            accuracy.append(None)
            continue
        err = ds.errors_.loc[w]
        accuracy.append(r(sum(ds.priors_[c] * err.loc[c, c] for c in ds.priors_.index if c in err.index)))
    return {
        "posterior": posterior, "label": label, "accuracy": accuracy,
        "priors": [r(ds.priors_[c]) if c in ds.priors_.index else 0.0 for c in range(k)],
        "iterations": len(ds.loss_history_), "log_likelihood": r(ds.loss_history_[-1]),
    }


def bradley_terry_case(rng, n_models, n_games, tie_rate, policy, alpha):
    strength = [rng.gauss(0, 1) for _ in range(n_models)]
    wins, ties = [], []
    for _ in range(n_games):
        a, b = rng.sample(range(n_models), 2)
        if rng.random() < tie_rate:
            ties.append([a, b])
            continue
        p = 1 / (1 + np.exp(strength[b] - strength[a]))
        wins.append([a, b] if rng.random() < p else [b, a])
    expected = choix_scores(n_models, wins, ties, policy, alpha)
    return {"n_models": n_models, "wins": wins, "ties": ties, "tie_policy": policy, "alpha": alpha,
            "expected_scores": [r(x) for x in expected]}


def choix_scores(n_models, wins, ties, policy, alpha):
    if policy == "half":
        # Half a win each way == every decisive game counted twice plus one win each way per tie
        # (the likelihood is only scaled by 2). Only exact for alpha = 0, which is all we use it with.
        assert alpha == 0
        data = [tuple(w) for w in wins for _ in range(2)] + [(a, b) for a, b in ties] + [(b, a) for a, b in ties]
    else:
        data = [tuple(w) for w in wins]
    mm = choix.mm_pairwise(n_models, data, alpha=alpha, max_iter=1_000_000, tol=1e-13)
    if alpha == 0:
        ilsr = choix.ilsr_pairwise(n_models, data, alpha=0.0, max_iter=100_000, tol=1e-13)
        assert np.max(np.abs(mm - ilsr)) < 1e-8, (mm, ilsr)
    return mm


def binomial_vectors():
    cases = [(0, 1), (3, 10), (7, 10), (5, 10), (0, 20), (20, 20), (13, 20), (51, 100), (60, 100),
             (480, 1000), (4900, 10000), (499_000, 1_000_000), (498_000, 1_000_000), (1, 1_000_000)]
    return [{"k": k, "n": n, "p_value": float(stats.binomtest(k, n, 0.5).pvalue)} for k, n in cases]


def mtbench():
    """Items (question, sorted model pair, turn); category 0/1 = first/second sorted model wins, 2 = tie."""
    if not os.path.exists(MTBENCH):
        return None
    rows = [json.loads(line) for line in open(MTBENCH)]
    models = sorted({row[m] for row in rows for m in ("model_a", "model_b")})
    judges = sorted({row["judge"] for row in rows})
    items, labels, wins, ties = {}, [], [], []
    for row in rows:
        a, b = row["model_a"], row["model_b"]
        first, second = sorted([a, b])
        key = (row["question_id"], first, second, row["turn"])
        item = items.setdefault(key, len(items))
        if row["winner"].startswith("tie"):
            category = 2
            ties.append([models.index(a), models.index(b)])
        else:
            winner = a if row["winner"] == "model_a" else b
            loser = b if winner == a else a
            category = 0 if winner == first else 1
            wins.append([models.index(winner), models.index(loser)])
        labels.append([item, judges.index(row["judge"]), category])
    df = pd.DataFrame(labels, columns=["task", "worker", "label"]).drop_duplicates(["task", "worker"])
    ds = DawidSkene(n_iter=100, tol=1e-5).fit(df)
    expected = dawid_skene_expected(ds, len(items), len(judges), 3)
    scores = choix_scores(len(models), wins, ties, "half", 0.0)
    return {
        "models": models, "bt_half_scores": [r(x) for x in scores],
        "ds_labels_used": len(df), "ds_priors": expected["priors"], "ds_iterations": expected["iterations"],
        "ds_log_likelihood": expected["log_likelihood"],
        "ds_accuracy": dict(zip(judges, expected["accuracy"])),
    }


def main():
    rng = random.Random(20240611)
    ds_cases = [
        dawid_skene_case(rng, 30, 4, 2, 3),
        dawid_skene_case(rng, 50, 6, 3, 4),
        dawid_skene_case(rng, 40, 8, 4, 5),
        dawid_skene_case(rng, 25, 5, 3, 3, unused_category=True, empty_item=True),
        dawid_skene_case(rng, 60, 10, 3, 2),
        dawid_skene_case(rng, 20, 3, 2, 3),
    ]
    bt_cases = [
        bradley_terry_case(rng, 3, 40, 0.0, "drop", 0.0),
        bradley_terry_case(rng, 5, 200, 0.2, "half", 0.0),
        bradley_terry_case(rng, 6, 300, 0.25, "drop", 0.0),
        bradley_terry_case(rng, 8, 400, 0.1, "half", 0.0),
        bradley_terry_case(rng, 4, 12, 0.0, "drop", 0.5),
        bradley_terry_case(rng, 6, 120, 0.2, "drop", 0.1),
    ]
    out = {
        "generator": "scripts/crosscheck_consensus.py",
        "versions": {"crowd-kit": __import__("crowdkit").__version__, "choix": choix.__version__ if hasattr(choix, "__version__") else "0.4.x",
                     "scipy": __import__("scipy").__version__},
        "dawid_skene": ds_cases, "bradley_terry": bt_cases, "binomial": binomial_vectors(), "mtbench": mtbench(),
    }
    with open(OUT, "w") as f:
        json.dump(out, f, separators=(",", ":"))
    print(f"wrote {OUT} ({os.path.getsize(OUT)} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()
