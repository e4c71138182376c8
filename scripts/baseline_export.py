#!/usr/bin/env python3
"""Plain Python baseline for the export benchmark: the rows `prefer export --format trl` writes for a
database with one current judgment per pair (gen_export_db.py), with sqlite3 + json.dumps and nothing else.

usage: baseline_export.py DB OUT
"""
import json
import sqlite3
import sys

db = sqlite3.connect(sys.argv[1])
sql = """
SELECT i.prompt_json, j.left_response_id, j.right_response_id, j.choice, rl.text, rr.text
FROM judgment j
JOIN item i ON i.id = j.item_id
JOIN response rl ON rl.id = j.left_response_id
JOIN response rr ON rr.id = j.right_response_id
WHERE j.kind = 'judgment' AND NOT EXISTS (SELECT 1 FROM judgment s WHERE s.supersedes_id = j.id)
ORDER BY j.item_id
"""
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for prompt_json, left, right, choice, left_text, right_text in db.execute(sql):
        if choice == 0:
            continue
        prompt = json.loads(prompt_json)[0]["content"]
        left_wins = choice < 0
        chosen, rejected = (left_text, right_text) if left_wins else (right_text, left_text)
        out.write(json.dumps({"prompt": prompt, "chosen": chosen, "rejected": rejected},
                             ensure_ascii=False, separators=(",", ":")) + "\n")
