#!/usr/bin/env python3
"""Fills a `prefer init` database with N judged pairs for the export benchmark (not a test).

usage: gen_export_db.py DB N [SEED] [ORDER]
ORDER "item" (default): judgments stored in item order, as imported labels are. "queue": stored in a shuffled
order, as annotators judging their queues store them (the export then re-reads used judgments by id to hash them).
One import batch, N two-response items, one annotator, one judgment per item (a random side shown left,
a random choice in -3..3 without ties), all in one transaction. The append-only triggers only block
UPDATE and DELETE, so plain INSERTs are fine.
"""
import hashlib
import json
import random
import sqlite3
import sys
import time

db_path, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
queue_order = len(sys.argv) > 4 and sys.argv[4] == "queue"
held = []  # queue order: every judgment, inserted shuffled at the end
words = "the a model answer question data quickly because results method value prompt train reward safe helpful".split()


def text(k):
    return " ".join(rng.choice(words) for _ in range(k))


db = sqlite3.connect(db_path)
db.execute("PRAGMA synchronous = OFF")
db.execute("BEGIN")
db.execute("INSERT INTO import_batch (file_name, file_path, sha256, format, shape, imported_at, imported_by) "
           "VALUES ('bench.jsonl', '/bench/bench.jsonl', ?, 'jsonl', 'pairs', '2026-01-01T00:00:00Z', 'bench')",
           (hashlib.sha256(b"bench").hexdigest(),))
batch = db.execute("SELECT last_insert_rowid()").fetchone()[0]
db.execute("INSERT OR IGNORE INTO annotator (name, role, created_at) VALUES ('ann', 'annotator', '2026-01-01T00:00:00Z')")
now = time.time()
items, responses, judgments = [], [], []
for i in range(1, n + 1):
    prompt = json.dumps([{"content": f"q{i} " + text(15), "role": "user"}], separators=(",", ":"), ensure_ascii=False)
    a, b = f"a{i} " + text(25), f"b{i} " + text(25)
    h = hashlib.sha256(f"{prompt}\x1f{a}\x1f{b}".encode()).digest()  # stored as prefer stores it: 32 bytes
    items.append((i, f"id-{i}", batch, i, prompt, h, int.from_bytes(h[:8], "big", signed=True), rng.getrandbits(62)))
    r1, r2 = 2 * i - 1, 2 * i
    responses += [(r1, i, 0, a), (r2, i, 1, b)]
    left, right = (r1, r2) if rng.random() < 0.5 else (r2, r1)
    choice = rng.choice([-3, -2, -1, 1, 2, 3])
    judgments.append((i, left, right, choice, now, now))
    if len(items) >= 50000:
        db.executemany("INSERT INTO item (id, external_id, batch_id, source_line, prompt_json, content_hash, content_key, "
                       "queue_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", items)
        db.executemany("INSERT INTO response (id, item_id, position, text) VALUES (?, ?, ?, ?)", responses)
        if queue_order:
            held += judgments
        else:
            db.executemany("INSERT INTO judgment (kind, item_id, annotator, left_response_id, right_response_id, choice, "
                           "started_at, submitted_at) VALUES ('judgment', ?, 'ann', ?, ?, ?, ?, ?)", judgments)
        items, responses, judgments = [], [], []
if items:
    db.executemany("INSERT INTO item (id, external_id, batch_id, source_line, prompt_json, content_hash, content_key, "
                   "queue_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", items)
    db.executemany("INSERT INTO response (id, item_id, position, text) VALUES (?, ?, ?, ?)", responses)
if queue_order:
    judgments = held + judgments
    rng.shuffle(judgments)
db.executemany("INSERT INTO judgment (kind, item_id, annotator, left_response_id, right_response_id, choice, "
               "started_at, submitted_at) VALUES ('judgment', ?, 'ann', ?, ?, ?, ?, ?)", judgments)
db.execute("COMMIT")
db.close()
