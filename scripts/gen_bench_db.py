#!/usr/bin/env python3
"""Fills a `prefer init` database for the annotate benchmark (not a test).

usage: gen_bench_db.py DB [ITEMS=1000000] [JUDGMENTS=1000000] [ANNOTATORS=4] [OVERLAP=3] [SEED=1]
ITEMS two-response items (~300 bytes per response), then JUDGMENTS judgments spread over ANNOTATORS
annotators: the items first in serving order (queue_key) are each judged by OVERLAP annotators, as the
queue would have served them, so every judgment has its assignment row, and item.assigned / item.open
match (open = assigned < OVERLAP). The rest of the items stay open. One transaction, plain INSERTs
(the append-only triggers only block UPDATE and DELETE).
"""
import hashlib
import json
import random
import sqlite3
import sys

args = sys.argv[1:]
if not args:
    sys.exit(__doc__)
db_path = args[0]
n_items, n_judgments, n_annotators, overlap, seed = (
    [int(a) for a in args[1:]] + [1000000, 1000000, 4, 3, 1][len(args) - 1:])[:5]
if n_judgments > n_items * min(overlap, n_annotators):
    sys.exit("too many judgments for ITEMS x min(OVERLAP, ANNOTATORS)")
rng = random.Random(seed)
words = "the a model answer question data quickly because results method value prompt train reward safe helpful".split()
# A pool of texts picked at random keeps generation fast; the id prefix keeps every item's content unique.
pool = [" ".join(rng.choice(words) for _ in range(45)) for _ in range(997)]
now = 1767225600.0  # 2026-01-01T00:00:00Z

db = sqlite3.connect(db_path)
db.execute("PRAGMA synchronous = OFF")
db.execute("PRAGMA journal_mode = MEMORY")  # fast bulk load; WAL is restored below
db.execute("BEGIN")
db.execute("INSERT INTO import_batch (file_name, file_path, sha256, format, shape, imported_at, imported_by, rows_read, items_added) "
           "VALUES ('bench.jsonl', '/bench/bench.jsonl', ?, 'jsonl', 'pairs', '2026-01-01T00:00:00Z', 'bench', ?, ?)",
           (hashlib.sha256(b"bench").hexdigest(), n_items, n_items))
batch = db.execute("SELECT last_insert_rowid()").fetchone()[0]
names = [f"ann{k + 1}" for k in range(n_annotators)]
db.executemany("INSERT OR IGNORE INTO annotator (name, role, created_at) VALUES (?, 'annotator', '2026-01-01T00:00:00Z')",
               [(a,) for a in names])
db.execute("INSERT INTO project_meta (key, value) VALUES ('overlap', ?) "
           "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (str(overlap),))

keys = [rng.getrandbits(62) for _ in range(n_items)]
# Items judged: the first ones in serving order, OVERLAP judgments each (the last one may get fewer).
order = sorted(range(n_items), key=keys.__getitem__)
judges = {}  # item index -> how many annotators judged it
left = n_judgments
for i in order:
    if left <= 0:
        break
    judges[i] = min(overlap, n_annotators, left)
    left -= judges[i]

positions = dict.fromkeys(names, 0)
judgment_id = 0
rank = {i: r for r, i in enumerate(order[:len(judges)])}
items, responses, assignments, judgments = [], [], [], []


def flush():
    db.executemany("INSERT INTO item (id, external_id, batch_id, source_line, prompt_json, content_hash, content_key, queue_key, "
                   "assigned, open) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", items)
    db.executemany("INSERT INTO response (id, item_id, position, text) VALUES (?, ?, ?, ?)", responses)
    # head_id/head_kind: the pair's current judgment, as prefer records it on every write (schema v5).
    db.executemany("INSERT INTO assignment (item_id, annotator, left_response_id, right_response_id, queue_position, assigned_at, "
                   "head_id, head_kind) VALUES (?, ?, ?, ?, ?, '2026-01-01T00:00:00Z', ?, 'judgment')", assignments)
    db.executemany("INSERT INTO judgment (id, kind, item_id, annotator, left_response_id, right_response_id, choice, "
                   "started_at, submitted_at, active_seconds) VALUES (?, 'judgment', ?, ?, ?, ?, ?, ?, ?, ?)", judgments)
    items.clear(); responses.clear(); assignments.clear(); judgments.clear()


for idx in range(n_items):
    i = idx + 1
    prompt = json.dumps([{"content": f"q{i} " + pool[i % 997][:100], "role": "user"}], separators=(",", ":"))
    a, b = f"a{i} " + pool[(i * 7) % 997] + " " + pool[(i * 13) % 997], f"b{i} " + pool[(i * 11) % 997] + " " + pool[(i * 17) % 997]
    h = hashlib.sha256(f"{prompt}\x1f{a}\x1f{b}".encode()).digest()  # stored as prefer stores it: 32 bytes
    k = judges.get(idx, 0)
    items.append((i, f"id-{i}", batch, i, prompt, h, int.from_bytes(h[:8], "big", signed=True), keys[idx], k, 1 if k < overlap else 0))
    r1, r2 = 2 * i - 1, 2 * i
    responses += [(r1, i, 0, a), (r2, i, 1, b)]
    if k:
        first = rank[idx] % n_annotators
        for j in range(k):
            name = names[(first + j) % n_annotators]
            l, r = (r1, r2) if rng.random() < 0.5 else (r2, r1)
            judgment_id += 1
            assignments.append((i, name, l, r, positions[name], judgment_id))
            positions[name] += 1
            t = now + rank[idx]
            judgments.append((judgment_id, i, name, l, r, rng.choice([-3, -2, -1, 1, 2, 3]), t, t + 20, 20.0))
    if len(items) >= 50000:
        flush()
flush()
db.execute("COMMIT")
db.execute("PRAGMA journal_mode = WAL")  # back to what `prefer init` made
db.close()
