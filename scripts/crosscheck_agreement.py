#!/usr/bin/env python3
"""Cross-check `prefer agreement` against independent Python implementations.

Generates seeded random rating sets (varied sizes, missing data, all four levels), writes each as CSV,
runs `prefer agreement --ratings FILE --level L --format json --min-shared 1` and compares to 1e-9 with:
  - krippendorff.alpha                      (Krippendorff's alpha, every level)
  - sklearn.metrics.cohen_kappa_score       (Cohen's kappa per pair; linear/quadratic weights unless nominal)
  - statsmodels fleiss_kappa                (when every item with 2+ ratings has the same count),
    otherwise the generalised formula written out here with numpy
  - Gwet's AC1/AC2 and percent agreement    (numpy, straight from the published formulas)

Needs: pip install numpy krippendorff scikit-learn statsmodels
Usage: scripts/crosscheck_agreement.py [--prefer .build/release/prefer] [--cases 60] [--seed 1]
Prints one line per failure and ends with "N passed, M failed"; exits 1 on any failure.
"""
import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import warnings

import numpy as np
import krippendorff
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import fleiss_kappa

TOL = 1e-9
LEVELS = ["nominal", "ordinal", "interval", "ratio"]


def make_case(rng, level):
    """Random ratings: list of (item, annotator, value-text) and the numeric matrix [annotator][item]."""
    n_items = rng.choice([3, 8, 20, 60, 200])
    n_ann = rng.choice([2, 3, 5, 9])
    missing = rng.choice([0.0, 0.2, 0.5])
    if level in ("interval", "ratio") and rng.random() < 0.5:
        values = sorted({round(rng.uniform(0, 20), 3) for _ in range(rng.randint(2, 12))})
    else:
        values = list(range(1, rng.randint(2, 7) + 1))
    if rng.random() < 0.05:
        values = values[:1]  # everything identical: undefined statistics
    labels = None
    if level == "nominal" and rng.random() < 0.5:
        labels = {v: "cat %s" % chr(ord("a") + k) for k, v in enumerate(values)}
    matrix = np.full((n_ann, n_items), np.nan)
    rows = []
    for i in range(n_items):
        truth = rng.choice(values)
        for a in range(n_ann):
            if rng.random() < missing:
                continue
            v = truth if rng.random() < 0.6 else rng.choice(values)
            matrix[a, i] = v
            text = labels[v] if labels else repr(v) if isinstance(v, float) else str(v)
            rows.append(("item %d" % i, "ann,%d" % a, text))
    rng.shuffle(rows)
    return rows, matrix, values


def write_csv(path, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)  # quotes the annotator names (they hold a comma)
        w.writerow(["value", "note", "annotator", "item"])
        for item, ann, value in rows:
            w.writerow([value, "x", ann, item])


def close(got, want):
    if want is None or (isinstance(want, float) and np.isnan(want)):
        return got is None
    return got is not None and abs(got - want) <= TOL


def ranks(matrix, values):
    """Category ranks (0..q-1) over the values observed, NaN kept."""
    observed = sorted(set(matrix[~np.isnan(matrix)].tolist()))
    index = {v: k for k, v in enumerate(observed)}
    out = np.full(matrix.shape, np.nan)
    for (a, i), v in np.ndenumerate(matrix):
        if not np.isnan(v):
            out[a, i] = index[v]
    return out, len(observed)


def counts_per_item(r, q):
    """n_ik: items x categories counts from the rank matrix."""
    n = np.zeros((r.shape[1], q))
    for (a, i), v in np.ndenumerate(r):
        if not np.isnan(v):
            n[i, int(v)] += 1
    return n


def fleiss_general(n):
    """Fleiss' kappa, unequal counts (Gwet's generalisation, as irrCAC): pa over items with 2+ ratings,
    category shares pi over every rated item."""
    m = n.sum(1)
    rated = n[m >= 1]
    pi = (rated / m[m >= 1][:, None]).mean(0)
    n = n[m >= 2]
    m = m[m >= 2]
    if len(m) == 0:
        return None
    pa = np.mean((n * (n - 1)).sum(1) / (m * (m - 1)))
    pe = (pi ** 2).sum()
    return None if pe >= 1 - 1e-15 else (pa - pe) / (1 - pe)


def gwet(n, weights):
    """Gwet's AC1/AC2: pa over items with 2+ ratings, pi over all rated items."""
    q = n.shape[1]
    k = np.arange(q)
    if weights == "identity":
        w = np.eye(q)
    else:
        d = np.abs(k[:, None] - k[None, :]) / max(q - 1, 1)
        w = 1 - (d if weights == "linear" else d ** 2)
    m = n.sum(1)
    rated = m >= 1
    two = m >= 2
    if two.sum() == 0 or q < 2:
        return None
    nstar = n @ w.T
    pa = np.mean((n[two] * (nstar[two] - 1)).sum(1) / (m[two] * (m[two] - 1)))
    pi = (n[rated] / m[rated][:, None]).mean(0)
    pe = w.sum() / (q * (q - 1)) * (pi * (1 - pi)).sum()
    return (pa - pe) / (1 - pe)


def percent(n):
    m = n.sum(1)
    n = n[m >= 2]
    m = m[m >= 2]
    if len(m) == 0:
        return None
    return np.mean((n * (n - 1) / 2).sum(1) / (m * (m - 1) / 2))


def expected_alpha(matrix, level):
    if np.count_nonzero(~np.isnan(matrix)) == 0:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            a = krippendorff.alpha(reliability_data=matrix, level_of_measurement=level)
    except (ValueError, ZeroDivisionError):
        return None
    return None if not np.isfinite(a) else float(a)


def check_case(prefer, tmp, case_id, rng):
    level = LEVELS[case_id % 4]
    rows, matrix, values = make_case(rng, level)
    path = os.path.join(tmp, "case%d.csv" % case_id)
    write_csv(path, rows)
    proc = subprocess.run([prefer, "agreement", "--ratings", path, "--level", level, "--format", "json",
                           "--min-shared", "1"], capture_output=True, text=True)
    failures = []
    n_annotators_used = int((~np.isnan(matrix)).any(1).sum())
    if n_annotators_used < 2 or not rows:
        if proc.returncode == 0:
            failures.append("case %d: expected a load error (fewer than 2 annotators)" % case_id)
        return failures
    if proc.returncode != 0:
        return ["case %d (%s): prefer failed: %s" % (case_id, level, proc.stderr.strip())]
    report = json.loads(proc.stdout)
    r, q = ranks(matrix, values)
    n = counts_per_item(r, q)

    def compare(name, got, want):
        if not close(got, want):
            failures.append("case %d (%s) %s: prefer %r, reference %r" % (case_id, level, name, got, want))

    compare("krippendorff_alpha", report["krippendorff_alpha"], expected_alpha(matrix, level))
    m = n.sum(1)
    pairable = n[m >= 2]
    if len(pairable) and len(set(m[m >= 1])) == 1:
        with np.errstate(all="ignore"):
            want = float(fleiss_kappa(pairable, method="fleiss"))
        compare("fleiss_kappa (statsmodels)", report["fleiss_kappa"], None if not np.isfinite(want) else want)
    compare("fleiss_kappa (formula)", report["fleiss_kappa"], fleiss_general(n))
    compare("gwet_ac1", report["gwet_ac1"], gwet(n, "identity"))
    compare("percent_agreement", report["percent_agreement"], percent(n))
    if level != "nominal":
        compare("gwet_ac2_linear", report["gwet_ac2_linear"], gwet(n, "linear"))
        compare("gwet_ac2_quadratic", report["gwet_ac2_quadratic"], gwet(n, "quadratic"))

    names = {"ann,%d" % a: a for a in range(matrix.shape[0])}
    expected_pairs = 0
    for a in range(matrix.shape[0]):
        for b in range(a + 1, matrix.shape[0]):
            expected_pairs += int(np.sum(~np.isnan(r[a]) & ~np.isnan(r[b])) >= 1)
    if len(report["cohen_kappa"]) != expected_pairs:
        failures.append("case %d: %d Cohen pairs, expected %d" % (case_id, len(report["cohen_kappa"]), expected_pairs))
    for pair in report["cohen_kappa"]:
        a, b = names[pair["annotator_a"]], names[pair["annotator_b"]]
        shared = ~np.isnan(r[a]) & ~np.isnan(r[b])
        if shared.sum() != pair["n"]:
            failures.append("case %d: pair n %d, expected %d" % (case_id, pair["n"], shared.sum()))
            continue
        for key, weights in [("kappa", None), ("kappa_linear", "linear"), ("kappa_quadratic", "quadratic")]:
            if weights and level == "nominal":
                continue
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                want = float(cohen_kappa_score(r[a][shared], r[b][shared], labels=list(range(q)), weights=weights))
            compare("%s %s-%s" % (key, pair["annotator_a"], pair["annotator_b"]), pair[key],
                    None if not np.isfinite(want) else want)
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prefer", default=".build/release/prefer")
    parser.add_argument("--cases", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for case_id in range(args.cases):
            failures = check_case(args.prefer, tmp, case_id, rng)
            for f in failures:
                print(f)
            if failures:
                failed += 1
            else:
                passed += 1
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
