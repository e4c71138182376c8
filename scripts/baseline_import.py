#!/usr/bin/env python3
"""Plain-Python import baseline: json + sqlite3, one transaction, the same work prefer's import does per row
(parse, content hash, item row with a unique hash, two response rows).

usage: baseline_import.py IN.jsonl OUT.sqlite
"""
import hashlib
import json
import sqlite3
import sys


def main():
    src, db_path = sys.argv[1], sys.argv[2]
    db = sqlite3.connect(db_path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.executescript("""
        CREATE TABLE item (id INTEGER PRIMARY KEY, external_id TEXT, prompt_json TEXT NOT NULL,
                           content_hash TEXT NOT NULL UNIQUE);
        CREATE TABLE response (id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL, position INTEGER NOT NULL,
                               text TEXT NOT NULL, model TEXT, UNIQUE (item_id, position));
    """)
    n = 0
    with db:
        cur = db.cursor()
        with open(src, encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                prompt = json.dumps([{"content": row["prompt"], "role": "user"}], separators=(",", ":"))
                h = hashlib.sha256((prompt + "\x1f" + row["response_a"] + "\x1f" + row["response_b"]).encode()).hexdigest()
                cur.execute("INSERT INTO item (external_id, prompt_json, content_hash) VALUES (?, ?, ?) "
                            "ON CONFLICT(content_hash) DO NOTHING", (row.get("id"), prompt, h))
                if cur.rowcount:
                    item = cur.lastrowid
                    cur.execute("INSERT INTO response (item_id, position, text, model) VALUES (?, 0, ?, ?)",
                                (item, row["response_a"], row.get("model_a")))
                    cur.execute("INSERT INTO response (item_id, position, text, model) VALUES (?, 1, ?, ?)",
                                (item, row["response_b"], row.get("model_b")))
                n += 1
    print(n)


if __name__ == "__main__":
    main()
