#!/usr/bin/env python3
"""Loads every export format with Hugging Face `datasets` (the way a trainer reads them) and checks the rows.

usage: check_datasets_load.py --prefer PATH/TO/prefer [--sample samples/hh-rlhf/harmless-base-200.jsonl.gz]

Builds a throwaway project from the bundled HH-RLHF sample (imported with --keep-labels), exports each format,
then `datasets.load_dataset("json", data_files=..., split="train")` must give one row per line with exactly the
columns the format promises, of the promised types. Exits non-zero on the first mismatch. Run by .ci/run.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import datasets

datasets.disable_progress_bars()
datasets.logging.set_verbosity_error()

MESSAGES = "list of {role, content}"
FORMATS = [
    # name, export arguments, expected columns and their kinds
    ("trl (hh template)", ["--format", "trl", "--prompt-template", "hh"],
     {"prompt": str, "chosen": str, "rejected": str}),
    ("trl --with-metadata", ["--format", "trl", "--prompt-template", "hh", "--with-metadata"],
     {"prompt": str, "chosen": str, "rejected": str, "id": str, "n_judgments": int,
      "agreement": "number or null", "strength": float}),
    ("trl-conversational", ["--format", "trl-conversational"],
     {"prompt": MESSAGES, "chosen": MESSAGES, "rejected": MESSAGES}),
    ("kto", ["--format", "kto", "--prompt-template", "hh"], {"prompt": str, "completion": str, "label": bool}),
    ("kto --conversational", ["--format", "kto", "--conversational"],
     {"prompt": MESSAGES, "completion": MESSAGES, "label": bool}),
    ("openai", ["--format", "openai"],
     {"input": "object with messages", "preferred_output": MESSAGES, "non_preferred_output": MESSAGES}),
    ("reward", ["--format", "reward", "--prompt-template", "hh"],
     {"prompt": str, "chosen": str, "rejected": str, "margin": float}),
]


def run(cmd, cwd):
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{done.stdout}{done.stderr}")


def is_messages(value):
    return isinstance(value, list) and value and all(
        isinstance(m, dict) and isinstance(m.get("role"), str) and isinstance(m.get("content"), str) for m in value)


def kind_ok(value, kind):
    if kind is MESSAGES:
        return is_messages(value)
    if kind == "object with messages":
        return isinstance(value, dict) and is_messages(value.get("messages"))
    if kind == "number or null":  # agreement is null for a pair with a single vote
        return value is None or kind_ok(value, float)
    if kind is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)


def check(name, path, columns):
    with open(path, encoding="utf-8") as f:
        lines = sum(1 for line in f if line.strip())
    ds = datasets.load_dataset("json", data_files=path, split="train")
    problems = []
    if ds.num_rows != lines or lines == 0:
        problems.append(f"{ds.num_rows} rows loaded from {lines} lines")
    if set(ds.column_names) != set(columns):
        problems.append(f"columns {sorted(ds.column_names)}, expected {sorted(columns)}")
    else:
        for i, row in enumerate(ds):
            bad = [c for c, kind in columns.items() if not kind_ok(row[c], kind)]
            if bad:
                problems.append(f"row {i}: {', '.join(bad)} not of the expected type")
                break
    print(f"datasets: {name:24} {ds.num_rows:5} rows  {'ok' if not problems else 'FAILED: ' + '; '.join(problems)}")
    return not problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--prefer", required=True)
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--sample", default=os.path.join(here, "..", "samples", "hh-rlhf", "harmless-base-200.jsonl.gz"))
    args = ap.parse_args()
    prefer = os.path.abspath(args.prefer)
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        project = os.path.join(tmp, "project")
        run([prefer, "init", project], tmp)
        run([prefer, "import", os.path.abspath(args.sample), "--keep-labels"], project)
        for i, (name, export_args, columns) in enumerate(FORMATS):
            out = os.path.join(tmp, f"export-{i}.jsonl")
            run([prefer, "export", *export_args, "--out", out], project)
            ok = check(name, out, columns) and ok
    print("datasets: every format loads" if ok else "datasets: FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
